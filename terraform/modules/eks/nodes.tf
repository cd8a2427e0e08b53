# Two managed node groups over the three zones:
#   members  memory-sized nodes for the Hazelcast data members (a StatefulSet), tainted so
#            that only pods tolerating the taint (the members) land there, and labelled so the
#            members can ask for them: nothing else competes for their memory
#   general  edges, workers and the cluster's add-ons (CoreDNS, the External Secrets Operator,
#            an ingress controller); a Cluster Autoscaler may move it within min..max
# Both are on-demand: a member reclaimed as a spot instance migrates partitions mid-sale.

locals {
  pool_label = "holdfast.io/pool"

  node_pools = {
    members = {
      labels = { (local.pool_label) = "members" }
      taints = [{ key = local.pool_label, value = "members", effect = "NoSchedule" }]
    }
    general = {
      labels = { (local.pool_label) = "general" }
      taints = []
    }
  }
}

resource "aws_iam_role" "node" {
  name = "${var.name}-node"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# The nodes' own needs only (join, pod networking, pull images); what the pods need is given to
# their service accounts (IRSA), never to the node.
resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset([
    "AmazonEKSWorkerNodePolicy",
    "AmazonEKS_CNI_Policy",
    "AmazonEC2ContainerRegistryReadOnly",
  ])
  role       = aws_iam_role.node.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.key}"
}

resource "aws_eks_node_group" "members" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "members"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.subnet_ids
  instance_types  = var.member_instance_types
  ami_type        = "AL2023_x86_64_STANDARD"
  capacity_type   = "ON_DEMAND"
  disk_size       = var.node_disk_gib

  scaling_config {
    desired_size = var.member_node_count
    min_size     = var.member_node_count
    max_size     = var.member_node_max
  }

  # One node at a time: the members' PodDisruptionBudget lets one member go, and the grid
  # needs its partitions migrated back before the next.
  update_config {
    max_unavailable = 1
  }

  labels = local.node_pools.members.labels

  dynamic "taint" {
    for_each = local.node_pools.members.taints
    content {
      key    = taint.value.key
      value  = taint.value.value
      effect = "NO_SCHEDULE"
    }
  }

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.node, aws_eks_addon.networking]
}

resource "aws_eks_node_group" "general" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "general"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = var.subnet_ids
  instance_types  = var.general_instance_types
  ami_type        = "AL2023_x86_64_STANDARD"
  capacity_type   = "ON_DEMAND"
  disk_size       = var.node_disk_gib

  scaling_config {
    desired_size = var.general_node_min
    min_size     = var.general_node_min
    max_size     = var.general_node_max
  }

  update_config {
    max_unavailable_percentage = 33
  }

  labels = local.node_pools.general.labels

  # An autoscaler may move the size between min and max; a plan must not undo it.
  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.node, aws_eks_addon.networking]
}
