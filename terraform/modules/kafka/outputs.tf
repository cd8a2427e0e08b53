output "bootstrap_brokers_tls" {
  description = "host:9094,... of the TLS listener"
  value       = aws_msk_cluster.this.bootstrap_brokers_tls
}

output "bootstrap_brokers_iam" {
  description = "host:9098,... of the TLS listener with IAM authentication"
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "cluster_arn" {
  description = "ARN of the MSK cluster"
  value       = aws_msk_cluster.this.arn
}

# IAM names a cluster's topics and groups arn:...:topic/NAME/UUID/TOPIC and .../group/...;
# the prefixes are the cluster's ARN with its resource type swapped.
output "topic_arn_prefix" {
  description = "ARN prefix of the cluster's topics (append /TOPIC or /*)"
  value       = replace(aws_msk_cluster.this.arn, ":cluster/", ":topic/")
}

output "group_arn_prefix" {
  description = "ARN prefix of the cluster's consumer groups (append /GROUP or /*)"
  value       = replace(aws_msk_cluster.this.arn, ":cluster/", ":group/")
}

output "security_group_id" {
  description = "Security group of the brokers"
  value       = aws_security_group.brokers.id
}
