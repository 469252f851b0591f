-- A capacity need's amount keeps what it counts ("2 FTE", "$85,000").
ALTER TABLE capacity_need ADD COLUMN amount_unit TEXT NOT NULL DEFAULT '';
