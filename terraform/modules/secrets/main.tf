# The environment's own KMS key (it encrypts the secrets, the databases' storage, the brokers'
# volumes and Kubernetes Secrets in etcd), and the platform's secret.

resource "aws_kms_key" "this" {
  description             = "Holdfast ${var.name}: secrets and data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.this.key_id
}

locals {
  # The JSON properties of the platform secret. Each is the name of a key of the Kubernetes
  # Secret holdfast-secrets: settings are passed as environment variables, the two PEMs are
  # mounted as files that HOLDFAST_JWT_PRIVATE_KEY_FILE / HOLDFAST_JWT_PUBLIC_KEY_FILE name.
  platform_properties = [
    "HOLDFAST_PLATFORM_KEY",
    "HOLDFAST_STRIPE_SECRET_KEY",
    "HOLDFAST_STRIPE_WEBHOOK_SECRET",
    "HOLDFAST_STRIPE_PUBLISHABLE_KEY",
    "HOLDFAST_SMTP_URL",
    "jwt-private.pem",
    "jwt-public.pem",
  ]
}

# Only the container: its value is put by an operator (aws secretsmanager put-secret-value,
# see docs/aws.md), so no key ever passes through Terraform's variables, plans or state.
resource "aws_secretsmanager_secret" "platform" {
  name                    = "${var.name}/platform"
  description             = "Holdfast's keys, a JSON object with ${join(", ", local.platform_properties)}"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_days
}
