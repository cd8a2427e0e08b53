variable "name" {
  description = "Prefix of every name (holdfast-ENVIRONMENT)"
  type        = string
}

variable "recovery_window_days" {
  description = "Days a deleted secret can still be restored (0 deletes at once)"
  type        = number
  default     = 30
}
