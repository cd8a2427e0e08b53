variable "name" {
  description = "Name of the MSK cluster and prefix of its companions"
  type        = string
}

variable "vpc_id" {
  description = "VPC of the brokers' security group"
  type        = string
}

variable "subnet_ids" {
  description = "Data subnets, one per zone; the brokers spread evenly over them"
  type        = list(string)
}

variable "client_security_group_id" {
  description = "Security group of the clients (the EKS nodes): the only one let in"
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key of the brokers' volumes"
  type        = string
}

variable "kafka_version" {
  description = "Apache Kafka version"
  type        = string
}

variable "broker_count" {
  description = "Brokers, a multiple of the subnets' count"
  type        = number
}

variable "broker_instance_type" {
  description = "Broker size"
  type        = string
}

variable "broker_volume_gib" {
  description = "Storage per broker, GiB"
  type        = number
}

variable "partitions" {
  description = "Partitions of a topic created on first use"
  type        = number
}

variable "log_retention_days" {
  description = "Days the brokers' logs are kept in CloudWatch"
  type        = number
}
