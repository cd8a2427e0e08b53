variable "name" {
  description = "Prefix of every name, and the EKS cluster's name the subnets are tagged for"
  type        = string
}

variable "cidr" {
  description = "Address range of the VPC (a /16 leaves room for the pods' addresses)"
  type        = string
}

variable "single_nat_gateway" {
  description = "One NAT gateway shared by the three zones instead of one per zone"
  type        = bool
}
