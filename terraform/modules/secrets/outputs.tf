output "kms_key_arn" {
  description = "ARN of the environment's KMS key"
  value       = aws_kms_key.this.arn
}

output "platform_secret_arn" {
  description = "ARN of the platform's secret (value set outside Terraform)"
  value       = aws_secretsmanager_secret.platform.arn
}

output "platform_secret_properties" {
  description = "JSON properties the platform's secret must hold"
  value       = local.platform_properties
}
