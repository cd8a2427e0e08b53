variable "name" {
  description = "Name of the EKS cluster"
  type        = string
}

variable "kubernetes_version" {
  description = "EKS control plane version"
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the nodes and the control plane's network interfaces, one per zone"
  type        = list(string)
}

variable "kms_key_arn" {
  description = "KMS key that encrypts Kubernetes Secrets in etcd"
  type        = string
}

variable "endpoint_public_cidrs" {
  description = "Addresses allowed to the public API endpoint; empty: no public endpoint"
  type        = list(string)
}

variable "admin_arns" {
  description = "IAM principals given cluster-admin"
  type        = list(string)
}

variable "member_instance_types" {
  description = "Instance types of the member node group"
  type        = list(string)
}

variable "member_node_count" {
  description = "Member nodes wanted (and the fewest)"
  type        = number
}

variable "member_node_max" {
  description = "Most member nodes"
  type        = number
}

variable "general_instance_types" {
  description = "Instance types of the general node group"
  type        = list(string)
}

variable "general_node_min" {
  description = "Fewest general nodes"
  type        = number
}

variable "general_node_max" {
  description = "Most general nodes"
  type        = number
}

variable "node_disk_gib" {
  description = "Root volume of each node, GiB"
  type        = number
}

variable "log_retention_days" {
  description = "Days the control plane's logs are kept"
  type        = number
}
