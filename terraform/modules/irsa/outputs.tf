output "role_arns" {
  description = "IAM role ARN by role key"
  value       = { for key, role in aws_iam_role.this : key => role.arn }
}
