provider "aws" {
  region = var.region

  # Every resource carries these, so the bill and the console can be filtered per environment.
  default_tags {
    tags = {
      Project     = "holdfast"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
