output "primary_endpoint" {
  description = "Host name of the primary (it follows a failover)"
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "port" {
  description = "Port of Redis"
  value       = aws_elasticache_replication_group.this.port
}

output "auth_token_secret_arn" {
  description = "Secret holding the AUTH token (JSON: auth_token)"
  value       = aws_secretsmanager_secret_version.auth.arn
}

output "security_group_id" {
  description = "Security group of Redis"
  value       = aws_security_group.redis.id
}
