# Holdfast on AWS: the network, the Kubernetes cluster the roles run in, and the servers they
# share (Kafka, PostgreSQL, Redis). Each piece is a module of its own under modules/; this
# file wires one's outputs into the next.

locals {
  # One name per environment: the EKS cluster, the Hazelcast cluster (HOLDFAST_CLUSTER_NAME)
  # and the prefix of every resource.
  name = "holdfast-${var.environment}"

  # Only the cluster's nodes reach the data stores: the security group EKS gives its managed
  # nodes (and so every pod on them) is the one client group each store admits.
  data_client_security_group_id = module.eks.node_security_group_id
}

module "network" {
  source = "./modules/network"

  name               = local.name
  cidr               = var.vpc_cidr
  single_nat_gateway = var.single_nat_gateway
}

module "secrets" {
  source = "./modules/secrets"

  name = local.name
}

module "eks" {
  source = "./modules/eks"

  name                   = local.name
  kubernetes_version     = var.kubernetes_version
  subnet_ids             = module.network.private_app_subnet_ids
  kms_key_arn            = module.secrets.kms_key_arn
  endpoint_public_cidrs  = var.cluster_endpoint_public_cidrs
  admin_arns             = var.cluster_admin_arns
  member_instance_types  = var.member_instance_types
  member_node_count      = var.member_node_count
  member_node_max        = var.member_node_max
  general_instance_types = var.general_instance_types
  general_node_min       = var.general_node_min
  general_node_max       = var.general_node_max
  node_disk_gib          = var.node_disk_gib
  log_retention_days     = var.log_retention_days
}

module "kafka" {
  source = "./modules/kafka"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.private_data_subnet_ids
  client_security_group_id = local.data_client_security_group_id
  kms_key_arn              = module.secrets.kms_key_arn
  kafka_version            = var.kafka_version
  broker_count             = var.kafka_broker_count
  broker_instance_type     = var.kafka_broker_instance_type
  broker_volume_gib        = var.kafka_broker_volume_gib
  partitions               = var.kafka_partitions
  log_retention_days       = var.log_retention_days
}

module "postgres" {
  source = "./modules/postgres"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.private_data_subnet_ids
  client_security_group_id = local.data_client_security_group_id
  kms_key_arn              = module.secrets.kms_key_arn
  engine_version           = var.postgres_version
  instance_class           = var.postgres_instance_class
  storage_gib              = var.postgres_storage_gib
  max_storage_gib          = var.postgres_max_storage_gib
  backup_days              = var.postgres_backup_days
  deletion_protection      = var.deletion_protection
}

module "redis" {
  source = "./modules/redis"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.private_data_subnet_ids
  client_security_group_id = local.data_client_security_group_id
  kms_key_arn              = module.secrets.kms_key_arn
  engine_version           = var.redis_version
  node_type                = var.redis_node_type
  node_count               = var.redis_node_count
}
