/** Loads the whitepaper reference campaign into DATABASE_URL (idempotent). Run: npm run db:seed */
import { createPrismaClient } from "../lib/db/client";
import { seedReferenceData } from "../lib/db/setup/seed";

async function main() {
  const db = createPrismaClient();
  try {
    const { campaignId, createdRuns } = await seedReferenceData(db);
    console.log(`Reference data ready (campaign ${campaignId}, ${createdRuns} run(s) created).`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
