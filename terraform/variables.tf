# Sizes, names and places. No secret goes through a variable: passwords and keys live in
# Secrets Manager (modules/secrets, docs/aws.md), so no .tfvars file ever carries one.

variable "region" {
  description = "AWS region everything is created in"
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Name of the environment (staging, production...): part of every resource's name"
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.environment))
    error_message = "The environment is a short lowercase name: letters, digits and dashes."
  }
}

variable "domain" {
  description = "Host name buyers reach the platform at (the Ingress's host), without a scheme"
  type        = string
}

variable "mail_from" {
  description = "The From of the platform's mail; empty: Holdfast <tickets@DOMAIN>"
  type        = string
  default     = ""
}

variable "vpc_cidr" {
  description = "Address range of the VPC; the subnets are carved from it (see modules/network)"
  type        = string
  default     = "10.40.0.0/16"
}

variable "single_nat_gateway" {
  description = "One NAT gateway for the three zones (cheaper, staging) instead of one per zone"
  type        = bool
  default     = false
}

# --- Kubernetes (EKS) ---

variable "kubernetes_version" {
  description = "EKS control plane version"
  type        = string
  default     = "1.33"
}

variable "cluster_endpoint_public_cidrs" {
  description = "Addresses that may reach the Kubernetes API from the internet; empty: private endpoint only"
  type        = list(string)
  default     = []
}

variable "cluster_admin_arns" {
  description = "IAM users or roles given cluster-admin on the EKS cluster, besides its creator"
  type        = list(string)
  default     = []
}

variable "member_instance_types" {
  description = "Instance types of the member nodes (Hazelcast data members: memory first)"
  type        = list(string)
  default     = ["r6i.xlarge"]
}

variable "member_node_count" {
  description = "Member nodes: one member pod each, spread over the three zones"
  type        = number
  default     = 3

  validation {
    condition     = var.member_node_count >= 3
    error_message = "Three members at least, so a majority quorum survives the loss of one."
  }
}

variable "member_node_max" {
  description = "Largest number of member nodes the node group may grow to"
  type        = number
  default     = 6
}

variable "general_instance_types" {
  description = "Instance types of the general nodes (edges, workers and cluster add-ons)"
  type        = list(string)
  default     = ["m6i.xlarge"]
}

variable "general_node_min" {
  description = "Fewest general nodes"
  type        = number
  default     = 3
}

variable "general_node_max" {
  description = "Most general nodes (the edges' autoscaler needs room during an on-sale)"
  type        = number
  default     = 12
}

variable "node_disk_gib" {
  description = "Root volume of every node, GiB"
  type        = number
  default     = 50
}

variable "kubernetes_namespace" {
  description = "Namespace the Holdfast manifests are deployed to (the IRSA roles trust its service accounts)"
  type        = string
  default     = "holdfast"
}

# --- Kafka (MSK) ---

variable "kafka_version" {
  description = "Apache Kafka version of the MSK cluster"
  type        = string
  default     = "3.8.x"
}

variable "kafka_broker_count" {
  description = "Brokers, a multiple of three (one per zone)"
  type        = number
  default     = 3

  validation {
    condition     = var.kafka_broker_count % 3 == 0
    error_message = "MSK spreads brokers evenly over the three data subnets: use a multiple of 3."
  }
}

variable "kafka_broker_instance_type" {
  description = "MSK broker size"
  type        = string
  default     = "kafka.m5.large"
}

variable "kafka_broker_volume_gib" {
  description = "Storage of each broker, GiB"
  type        = number
  default     = 500
}

variable "kafka_partitions" {
  description = "Partitions of each topic the brokers create on first use (holds, payments, orders, tickets)"
  type        = number
  default     = 12
}

# --- PostgreSQL (RDS) ---

variable "postgres_version" {
  description = "PostgreSQL major (or major.minor) version"
  type        = string
  default     = "17"
}

variable "postgres_instance_class" {
  description = "RDS instance class"
  type        = string
  default     = "db.r6g.large"
}

variable "postgres_storage_gib" {
  description = "Storage allocated at creation, GiB"
  type        = number
  default     = 100
}

variable "postgres_max_storage_gib" {
  description = "Ceiling of storage autoscaling, GiB"
  type        = number
  default     = 500
}

variable "postgres_backup_days" {
  description = "Days of automated backups (point-in-time recovery)"
  type        = number
  default     = 14
}

variable "deletion_protection" {
  description = "Refuse to delete the database (and keep a final snapshot) on destroy"
  type        = bool
  default     = true
}

# --- Redis (ElastiCache) ---

variable "redis_version" {
  description = "Redis engine version"
  type        = string
  default     = "7.1"
}

variable "redis_node_type" {
  description = "ElastiCache node type"
  type        = string
  default     = "cache.r6g.large"
}

variable "redis_node_count" {
  description = "Nodes of the replication group: a primary and its replicas, in different zones"
  type        = number
  default     = 3

  validation {
    condition     = var.redis_node_count >= 2
    error_message = "Multi-AZ failover needs a primary and at least one replica."
  }
}

# --- Logs ---

variable "log_retention_days" {
  description = "Days the control plane's and the brokers' CloudWatch logs are kept"
  type        = number
  default     = 30
}
