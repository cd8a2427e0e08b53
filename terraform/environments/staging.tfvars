# Staging: the same shape as production (three zones, Multi-AZ, three brokers and members),
# smaller machines, one NAT gateway, and a database that may be destroyed.
#   terraform plan -var-file=environments/staging.tfvars

region      = "eu-west-1"
environment = "staging"
domain      = "staging.tickets.example.com"

single_nat_gateway = true

member_instance_types  = ["r6i.large"]
member_node_count      = 3
member_node_max        = 3
general_instance_types = ["m6i.large"]
general_node_min       = 2
general_node_max       = 4

kafka_broker_count         = 3
kafka_broker_instance_type = "kafka.t3.small"
kafka_broker_volume_gib    = 50
kafka_partitions           = 4

postgres_instance_class  = "db.t4g.medium"
postgres_storage_gib     = 20
postgres_max_storage_gib = 100
postgres_backup_days     = 3
deletion_protection      = false

redis_node_type  = "cache.t4g.small"
redis_node_count = 2

log_retention_days = 7
