# What the Kubernetes production overlay needs (the names are a contract with kubernetes/ and
# docs/aws.md):
#   terraform output -json holdfast_settings \
#     | jq -r 'to_entries[] | "\(.key)=\(.value)"' \
#     > ../kubernetes/overlays/production/infrastructure.env
# Nothing secret is output: secrets are named by their Secrets Manager ARNs, and the External
# Secrets Operator reads their values inside the cluster.

output "holdfast_settings" {
  description = "Holdfast settings that carry no secret, by variable name (infrastructure.env)"
  value = {
    HOLDFAST_KAFKA_BOOTSTRAP         = module.kafka.bootstrap_brokers_tls
    HOLDFAST_KAFKA_SECURITY_PROTOCOL = "SSL"
    HOLDFAST_PUBLIC_URL              = "https://${var.domain}"
    HOLDFAST_CLUSTER_NAME            = local.name
    HOLDFAST_MAIL_FROM               = var.mail_from != "" ? var.mail_from : "Holdfast <tickets@${var.domain}>"
  }
}

output "service_account_role_arns" {
  description = "IAM role ARN for each service account's eks.amazonaws.com/role-arn annotation, by role (member, edge, worker, external-secrets)"
  value       = module.service_accounts.role_arns
}

output "service_account_names" {
  description = "The service accounts (in kubernetes_namespace) each role of service_account_role_arns trusts"
  value       = local.service_accounts
}

output "kubernetes_namespace" {
  description = "Namespace whose service accounts the IRSA roles trust"
  value       = var.kubernetes_namespace
}

output "secrets_manager_secret_arn" {
  description = "The platform's secret (JSON: HOLDFAST_PLATFORM_KEY, the Stripe keys, HOLDFAST_SMTP_URL, the token key PEMs); its value is set outside Terraform"
  value       = module.secrets.platform_secret_arn
}

output "secrets_manager_secret_properties" {
  description = "JSON properties the platform's secret holds, each a key of the Kubernetes Secret holdfast-secrets"
  value       = module.secrets.platform_secret_properties
}

output "eks_cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name ...)"
  value       = module.eks.cluster_name
}

output "region" {
  description = "AWS region of everything here"
  value       = var.region
}

output "node_pools" {
  description = "Label and taint of each node group, for the manifests' nodeSelector and tolerations"
  value       = module.eks.node_pools
}

# Where the ExternalSecret of the production overlay reads from, in one map that writes out the
# same way as holdfast_settings (key=value lines for a kustomize replacement source):
#   terraform output -json external_secret_sources | jq -r 'to_entries[] | "\(.key)=\(.value)"'
output "external_secret_sources" {
  description = "Secrets Manager ARNs and the hosts the ExternalSecret composes HOLDFAST_PG_URL and HOLDFAST_REDIS_URL with"
  value = {
    platform_secret_arn = module.secrets.platform_secret_arn
    postgres_secret_arn = module.postgres.master_secret_arn
    postgres_host       = module.postgres.address
    postgres_port       = module.postgres.port
    postgres_database   = module.postgres.database
    redis_secret_arn    = module.redis.auth_token_secret_arn
    redis_host          = module.redis.primary_endpoint
    redis_port          = module.redis.port
  }
}

# For the ExternalSecret that composes HOLDFAST_PG_URL:
#   postgresql://<username>:<password>@<postgres_endpoint>:<postgres_port>/<postgres_database>?sslmode=verify-full&sslrootcert=/etc/holdfast/postgres-ca/ca.pem
# with username and password read from the secret postgres_master_secret_arn.
output "postgres_endpoint" {
  description = "Host name of the PostgreSQL primary (it follows a Multi-AZ failover)"
  value       = module.postgres.address
}

output "postgres_port" {
  description = "Port of PostgreSQL"
  value       = module.postgres.port
}

output "postgres_database" {
  description = "Database Holdfast's migrations run in"
  value       = module.postgres.database
}

output "postgres_master_secret_arn" {
  description = "Secret RDS manages (and rotates) for the master user: JSON with username and password"
  value       = module.postgres.master_secret_arn
}

# For the ExternalSecret that composes HOLDFAST_REDIS_URL:
#   rediss://:<auth_token>@<redis_endpoint>:<redis_port>
# with auth_token read from the secret redis_auth_token_secret_arn.
output "redis_endpoint" {
  description = "Host name of the Redis primary (it follows a failover)"
  value       = module.redis.primary_endpoint
}

output "redis_port" {
  description = "Port of Redis (TLS only)"
  value       = module.redis.port
}

output "redis_auth_token_secret_arn" {
  description = "Secret holding Redis's AUTH token: JSON with auth_token"
  value       = module.redis.auth_token_secret_arn
}

# The production overlay's network policies open egress to the data subnets and ingress from
# the public ones by these ranges (kubernetes/overlays/production/data-subnets.yaml and
# load-balancer-subnets.yaml): no pod selector can name a managed service or a load balancer.
output "data_subnet_cidrs" {
  description = "Address ranges of MSK, RDS and ElastiCache, for the pods' egress policy"
  value       = module.network.private_data_subnet_cidrs
}

output "public_subnet_cidrs" {
  description = "Address ranges the load balancer reaches the edges from, for their ingress policy"
  value       = module.network.public_subnet_cidrs
}
