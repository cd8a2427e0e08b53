variable "name" {
  description = "Prefix of the roles' names"
  type        = string
}

variable "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider"
  type        = string
}

variable "oidc_issuer" {
  description = "The cluster's issuer URL without https://"
  type        = string
}

variable "namespace" {
  description = "Namespace of the service accounts"
  type        = string
}

variable "service_accounts" {
  description = "Service account name by role key; one IAM role each"
  type        = map(string)
}

variable "policies" {
  description = "Inline policy (JSON) by role key; a role without one may do nothing in AWS"
  type        = map(string)
  default     = {}

  validation {
    condition     = length(setsubtract(keys(var.policies), keys(var.service_accounts))) == 0
    error_message = "Every policy must belong to a role of service_accounts."
  }
}
