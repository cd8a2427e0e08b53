# A VPC over three availability zones, each with three subnets:
#   public       /24  load balancers and the NAT gateways
#   private-app  /20  EKS nodes and pods (the VPC CNI gives every pod a VPC address, hence big)
#   private-data /24  MSK brokers, RDS and ElastiCache; no route out of the VPC at all
# With a /16: public 10.x.0-2.0/24, data 10.x.10-12.0/24, app 10.x.16.0/20, .32.0/20, .48.0/20.

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  zones     = slice(data.aws_availability_zones.available.names, 0, 3)
  nat_count = var.single_nat_gateway ? 1 : length(local.zones)
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = var.name }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = var.name }
}

resource "aws_subnet" "public" {
  count = length(local.zones)

  vpc_id                  = aws_vpc.this.id
  availability_zone       = local.zones[count.index]
  cidr_block              = cidrsubnet(var.cidr, 8, count.index)
  map_public_ip_on_launch = false

  # The AWS Load Balancer Controller puts internet-facing load balancers here.
  tags = {
    Name                                = "${var.name}-public-${local.zones[count.index]}"
    "kubernetes.io/role/elb"            = "1"
    "kubernetes.io/cluster/${var.name}" = "shared"
  }
}

resource "aws_subnet" "private_app" {
  count = length(local.zones)

  vpc_id            = aws_vpc.this.id
  availability_zone = local.zones[count.index]
  cidr_block        = cidrsubnet(var.cidr, 4, count.index + 1)

  tags = {
    Name                                = "${var.name}-app-${local.zones[count.index]}"
    "kubernetes.io/role/internal-elb"   = "1"
    "kubernetes.io/cluster/${var.name}" = "shared"
  }
}

resource "aws_subnet" "private_data" {
  count = length(local.zones)

  vpc_id            = aws_vpc.this.id
  availability_zone = local.zones[count.index]
  cidr_block        = cidrsubnet(var.cidr, 8, count.index + 10)

  tags = { Name = "${var.name}-data-${local.zones[count.index]}" }
}

resource "aws_eip" "nat" {
  count  = local.nat_count
  domain = "vpc"
  tags   = { Name = "${var.name}-nat-${count.index}" }
}

resource "aws_nat_gateway" "this" {
  count = local.nat_count

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id
  tags          = { Name = "${var.name}-${local.zones[count.index]}" }

  depends_on = [aws_internet_gateway.this]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }

  tags = { Name = "${var.name}-public" }
}

resource "aws_route_table_association" "public" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

# Each zone's app subnets leave through their own zone's NAT gateway, so losing a zone does
# not cut the others off (unless single_nat_gateway saves the cost of two).
resource "aws_route_table" "private_app" {
  count  = length(local.zones)
  vpc_id = aws_vpc.this.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this[var.single_nat_gateway ? 0 : count.index].id
  }

  tags = { Name = "${var.name}-app-${local.zones[count.index]}" }
}

resource "aws_route_table_association" "private_app" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.private_app[count.index].id
  route_table_id = aws_route_table.private_app[count.index].id
}

# The data subnets only talk inside the VPC: the table holds just the implicit local route.
resource "aws_route_table" "private_data" {
  vpc_id = aws_vpc.this.id
  tags   = { Name = "${var.name}-data" }
}

resource "aws_route_table_association" "private_data" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.private_data[count.index].id
  route_table_id = aws_route_table.private_data.id
}
