output "vpc_id" {
  description = "ID of the VPC"
  value       = aws_vpc.this.id
}

output "zones" {
  description = "The three availability zones, in subnet order"
  value       = local.zones
}

output "public_subnet_ids" {
  description = "Public subnets, one per zone"
  value       = aws_subnet.public[*].id
}

output "private_app_subnet_ids" {
  description = "Subnets of the EKS nodes and pods, one per zone"
  value       = aws_subnet.private_app[*].id
}

output "private_data_subnet_ids" {
  description = "Subnets of MSK, RDS and ElastiCache, one per zone"
  value       = aws_subnet.private_data[*].id
}

output "public_subnet_cidrs" {
  description = "Address ranges of the public subnets (the load balancers' nodes)"
  value       = aws_subnet.public[*].cidr_block
}

output "private_data_subnet_cidrs" {
  description = "Address ranges of the data subnets (MSK, RDS, ElastiCache)"
  value       = aws_subnet.private_data[*].cidr_block
}
