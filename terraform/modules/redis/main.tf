# Redis (ElastiCache): a replication group with a primary and replicas in other zones, automatic
# failover, TLS in transit and an AUTH token. Holdfast keeps its request budgets, idempotency
# records and active-hold counts here.

resource "aws_security_group" "redis" {
  name        = "${var.name}-redis"
  description = "Redis of ${var.name}: from the EKS nodes only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  security_group_id            = aws_security_group.redis.id
  referenced_security_group_id = var.client_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  description                  = "Redis over TLS from the EKS nodes"
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

# ElastiCache takes the token as an argument, so Terraform makes it (and its state holds it:
# keep the state encrypted). Letters and digits only: a token goes into a URL unescaped.
resource "random_password" "auth" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "auth" {
  name        = "${var.name}/redis-auth"
  description = "AUTH token of Redis ${var.name}, a JSON object with auth_token"
  kms_key_id  = var.kms_key_arn
}

resource "aws_secretsmanager_secret_version" "auth" {
  secret_id     = aws_secretsmanager_secret.auth.id
  secret_string = jsonencode({ auth_token = random_password.auth.result })
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = var.name
  description          = "Holdfast ${var.name}: rate limits, idempotency, active holds"
  engine               = "redis"
  engine_version       = var.engine_version
  node_type            = var.node_type
  num_cache_clusters   = var.node_count
  port                 = 6379
  parameter_group_name = "default.redis${split(".", var.engine_version)[0]}"

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.redis.id]

  automatic_failover_enabled = true
  multi_az_enabled           = true

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  auth_token                 = random_password.auth.result

  snapshot_retention_limit = 3
  apply_immediately        = false
}
