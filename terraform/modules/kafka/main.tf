# Kafka (MSK): three brokers or more, one zone each, TLS between clients and brokers and among
# brokers. Clients connect on 9094 (TLS, no client authentication: the security group is the
# gate) or 9098 (TLS with IAM authentication, for clients that sign in with their IRSA role).

resource "aws_security_group" "brokers" {
  name        = "${var.name}-kafka"
  description = "MSK brokers of ${var.name}: TLS clients from the EKS nodes only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  for_each = { tls = 9094, iam = 9098 }

  security_group_id            = aws_security_group.brokers.id
  referenced_security_group_id = var.client_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
  description                  = "Kafka over TLS (${each.key}) from the EKS nodes"
}

# Holdfast's topics (holds, payments, orders, tickets) must exist before it runs and the
# launcher does not create them; the brokers create each on its first use, replicated to three
# brokers, and a write is acknowledged once two have it.
resource "aws_msk_configuration" "this" {
  name           = var.name
  kafka_versions = [var.kafka_version]
  server_properties = <<-PROPERTIES
    auto.create.topics.enable=true
    num.partitions=${var.partitions}
    default.replication.factor=3
    min.insync.replicas=2
    unclean.leader.election.enable=false
  PROPERTIES
}

resource "aws_cloudwatch_log_group" "brokers" {
  name              = "/aws/msk/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.brokers.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_gib
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.kms_key_arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  client_authentication {
    unauthenticated = true
    sasl {
      iam = true
    }
  }

  # The brokers' JMX and node exporters, for the Prometheus that scrapes the cluster.
  open_monitoring {
    prometheus {
      jmx_exporter {
        enabled_in_broker = true
      }
      node_exporter {
        enabled_in_broker = true
      }
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.brokers.name
      }
    }
  }
}
