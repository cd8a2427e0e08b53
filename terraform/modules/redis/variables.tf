variable "name" {
  description = "Identifier of the replication group and prefix of its companions"
  type        = string
}

variable "vpc_id" {
  description = "VPC of Redis's security group"
  type        = string
}

variable "subnet_ids" {
  description = "Data subnets, one per zone"
  type        = list(string)
}

variable "client_security_group_id" {
  description = "Security group of the clients (the EKS nodes): the only one let in"
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key of the data at rest and of the auth token's secret"
  type        = string
}

variable "engine_version" {
  description = "Redis version"
  type        = string
}

variable "node_type" {
  description = "ElastiCache node type"
  type        = string
}

variable "node_count" {
  description = "Primary plus replicas, spread over the zones"
  type        = number
}
