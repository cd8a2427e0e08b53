output "cluster_name" {
  description = "Name of the EKS cluster"
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "URL of the Kubernetes API"
  value       = aws_eks_cluster.this.endpoint
}

output "node_security_group_id" {
  description = "Security group EKS attaches to the cluster's managed nodes (and so to their pods)"
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider of the cluster's service-account issuer"
  value       = aws_iam_openid_connect_provider.this.arn
}

output "oidc_issuer" {
  description = "The issuer's URL without its scheme, as IAM condition keys spell it"
  value       = replace(aws_eks_cluster.this.identity[0].oidc[0].issuer, "https://", "")
}

output "node_pools" {
  description = "Labels and taints of each node group (key, value and the Kubernetes effect)"
  value       = local.node_pools
}
