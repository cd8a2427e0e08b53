# Production: sizes and names only. Secrets are never here (see docs/aws.md).
#   terraform plan -var-file=environments/production.tfvars

region      = "eu-west-1"
environment = "production"
domain      = "tickets.example.com"

single_nat_gateway = false

member_instance_types  = ["r6i.xlarge"]
member_node_count      = 3
member_node_max        = 6
general_instance_types = ["m6i.xlarge"]
general_node_min       = 3
general_node_max       = 12

kafka_broker_count         = 3
kafka_broker_instance_type = "kafka.m5.large"
kafka_broker_volume_gib    = 500
kafka_partitions           = 12

postgres_instance_class  = "db.r6g.large"
postgres_storage_gib     = 100
postgres_max_storage_gib = 1000
postgres_backup_days     = 14
deletion_protection      = true

redis_node_type  = "cache.r6g.large"
redis_node_count = 3
