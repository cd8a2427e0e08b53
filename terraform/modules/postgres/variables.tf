variable "name" {
  description = "Identifier of the database instance and prefix of its companions"
  type        = string
}

variable "vpc_id" {
  description = "VPC of the database's security group"
  type        = string
}

variable "subnet_ids" {
  description = "Data subnets the primary and its standby may live in"
  type        = list(string)
}

variable "client_security_group_id" {
  description = "Security group of the clients (the EKS nodes): the only one let in"
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key of the storage, the backups and the master user's secret"
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL version (major, or major.minor)"
  type        = string
}

variable "instance_class" {
  description = "RDS instance class"
  type        = string
}

variable "storage_gib" {
  description = "Storage allocated at creation, GiB"
  type        = number
}

variable "max_storage_gib" {
  description = "Ceiling of storage autoscaling, GiB"
  type        = number
}

variable "backup_days" {
  description = "Days of automated backups"
  type        = number
}

variable "deletion_protection" {
  description = "Refuse deletion, and keep a final snapshot on destroy"
  type        = bool
}

variable "database" {
  description = "Database created at start, where Holdfast's migrations run"
  type        = string
  default     = "holdfast"
}

variable "username" {
  description = "Master user (its password is made and rotated by RDS, in Secrets Manager)"
  type        = string
  default     = "holdfast"
}
