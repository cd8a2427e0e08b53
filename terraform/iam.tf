# IAM roles for the Kubernetes service accounts (IRSA): a pod whose service account carries the
# annotation eks.amazonaws.com/role-arn = <the role's ARN> gets that role's credentials, and no
# other pod does. One role per Holdfast role, plus one for the External Secrets Operator.

locals {
  # Service accounts in var.kubernetes_namespace, by the key the output
  # service_account_role_arns uses. The Kubernetes manifests name their service accounts so.
  service_accounts = {
    member           = "holdfast-member"
    edge             = "holdfast-edge"
    worker           = "holdfast-worker"
    external-secrets = "holdfast-external-secrets"
  }

  # The processes of every Holdfast role talk to Kafka; the IAM listener (9098) checks these
  # permissions, the TLS listener (9094) the launcher uses today does not need them.
  kafka_clients = ["member", "edge", "worker"]
}

# Connect to this MSK cluster, read and write its topics, and use its consumer groups.
data "aws_iam_policy_document" "kafka_client" {
  statement {
    sid       = "Cluster"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
    resources = [module.kafka.cluster_arn]
  }

  statement {
    sid = "Topics"
    actions = [
      "kafka-cluster:DescribeTopic",
      "kafka-cluster:CreateTopic",
      "kafka-cluster:ReadData",
      "kafka-cluster:WriteData",
    ]
    resources = ["${module.kafka.topic_arn_prefix}/*"]
  }

  statement {
    sid       = "Groups"
    actions   = ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"]
    resources = ["${module.kafka.group_arn_prefix}/*"]
  }
}

# Read Holdfast's secrets, and nothing else, to build the Kubernetes Secret holdfast-secrets.
data "aws_iam_policy_document" "external_secrets" {
  statement {
    sid     = "ReadHoldfastSecrets"
    actions = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [
      module.secrets.platform_secret_arn,
      module.postgres.master_secret_arn,
      module.redis.auth_token_secret_arn,
    ]
  }

  statement {
    sid       = "DecryptThem"
    actions   = ["kms:Decrypt"]
    resources = [module.secrets.kms_key_arn]
  }
}

module "service_accounts" {
  source = "./modules/irsa"

  name              = local.name
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
  namespace         = var.kubernetes_namespace
  service_accounts  = local.service_accounts
  policies = merge(
    { for role in local.kafka_clients : role => data.aws_iam_policy_document.kafka_client.json },
    { external-secrets = data.aws_iam_policy_document.external_secrets.json },
  )
}
