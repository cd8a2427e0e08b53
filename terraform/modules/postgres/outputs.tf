output "address" {
  description = "Host name of the primary"
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Port of PostgreSQL"
  value       = aws_db_instance.this.port
}

output "database" {
  description = "Name of Holdfast's database"
  value       = aws_db_instance.this.db_name
}

output "master_secret_arn" {
  description = "Secret RDS manages for the master user (JSON: username, password)"
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "security_group_id" {
  description = "Security group of the database"
  value       = aws_security_group.db.id
}
