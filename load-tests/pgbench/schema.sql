-- Tables of the Postgres baseline: one hot inventory row, and the holds a shop records.
CREATE TABLE inventory (event_id int PRIMARY KEY, available int NOT NULL);
INSERT INTO inventory VALUES (1, 2000000000);
CREATE TABLE holds (id bigserial PRIMARY KEY, event_id int NOT NULL, buyer_id int NOT NULL,
  quantity int NOT NULL, expires_at timestamptz NOT NULL);
