-- The whitepaper profiles are named for what they are: binary gigabytes of guest memory ("1 × 16 GiB ·
-- once"), as every page shows their memory. A name a user has already taken is left alone.
UPDATE "VmProfile" SET "name" = '1 × 16 GiB · idle' WHERE "name" = '1 × 16 GB · idle' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '1 × 16 GiB · idle');
UPDATE "VmProfile" SET "name" = '1 × 16 GiB · once' WHERE "name" = '1 × 16 GB · once' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '1 × 16 GiB · once');
UPDATE "VmProfile" SET "name" = '1 × 16 GiB · continuous' WHERE "name" = '1 × 16 GB · continuous' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '1 × 16 GiB · continuous');
UPDATE "VmProfile" SET "name" = '8 × 2 GiB · idle' WHERE "name" = '8 × 2 GB · idle' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '8 × 2 GiB · idle');
UPDATE "VmProfile" SET "name" = '8 × 2 GiB · once' WHERE "name" = '8 × 2 GB · once' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '8 × 2 GiB · once');
UPDATE "VmProfile" SET "name" = '8 × 2 GiB · continuous' WHERE "name" = '8 × 2 GB · continuous' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '8 × 2 GiB · continuous');
UPDATE "VmProfile" SET "name" = '1 × 64 GiB · idle' WHERE "name" = '1 × 64 GB · idle' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '1 × 64 GiB · idle');
UPDATE "VmProfile" SET "name" = '1 × 64 GiB · once' WHERE "name" = '1 × 64 GB · once' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '1 × 64 GiB · once');
UPDATE "VmProfile" SET "name" = '1 × 64 GiB · continuous' WHERE "name" = '1 × 64 GB · continuous' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '1 × 64 GiB · continuous');
UPDATE "VmProfile" SET "name" = '8 × 8 GiB · idle' WHERE "name" = '8 × 8 GB · idle' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '8 × 8 GiB · idle');
UPDATE "VmProfile" SET "name" = '8 × 8 GiB · once' WHERE "name" = '8 × 8 GB · once' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '8 × 8 GiB · once');
UPDATE "VmProfile" SET "name" = '8 × 8 GiB · continuous' WHERE "name" = '8 × 8 GB · continuous' AND NOT EXISTS (SELECT 1 FROM "VmProfile" AS "taken" WHERE "taken"."name" = '8 × 8 GiB · continuous');
-- The reference campaign's text states the speed-ups its own table computes (2.23× and 3.73×, not "~2.5×" and "~4×"); text a user edited is left alone.
UPDATE "Campaign" SET "notes" = 'Published averages imported as one run per cell. Once: 40GbE 2.23× faster (bound by PCIe Gen2, not the 40 Gb/s line). Continuous: 40GbE 3.73× faster, since fewer dirtied pages must be re-sent.' WHERE "notes" = 'Published averages imported as one run per cell. Once: 40GbE ~2.5× faster (PCIe Gen2 bound). Continuous: 40GbE ~4× faster, since fewer dirtied pages must be re-sent.';
UPDATE "Link" SET "notes" = 'PCIe Gen2 x8 limits periodic bandwidth to ~27 Gb/s, which is why 40GbE migrated a once-written VM 2.23× faster rather than 4×.' WHERE "notes" = 'PCIe Gen2 x8 limits periodic bandwidth to ~27 Gb/s, which is why 40GbE reached ~2.5× rather than 4×.';
-- The reference campaign stays on the overview however many campaigns follow it.
UPDATE "Campaign" SET "pinned" = true WHERE "name" = 'Whitepaper: vMotion of a 16 GB VM, 10GbE vs 40GbE' AND "status" = 'imported';
