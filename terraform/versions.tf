# Versions are pinned to a major release so a `terraform init` months from now plans the same
# resources; the lock file (.terraform.lock.hcl) that init writes pins the exact builds.
terraform {
  required_version = ">= 1.9.0, < 2.0.0" # 1.9: a validation may read other variables

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
    # The EKS cluster's OIDC issuer certificate, for the IAM identity provider behind IRSA.
    tls = {
      source  = "hashicorp/tls"
      version = "~> 4.0"
    }
    # Redis's auth token is generated here, kept in Secrets Manager (and so in the state: keep
    # the state in the encrypted S3 bucket below, never on a laptop).
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  # Partial configuration: the bucket, key and region are given at init time
  # (`terraform init -backend-config=...`, see docs/aws.md), so one tree serves every
  # environment without naming an account's bucket here.
  backend "s3" {
    encrypt = true
  }
}
