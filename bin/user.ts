/**
 * Accounts from a terminal (the machine's owner is trusted: no sign-in needed here).
 *
 *   npm run user -- add --email a@lab --role admin [--name "A. Person"]   password from a prompt or stdin
 *   npm run user -- list
 *   npm run user -- role --email a@lab --role operator
 *   npm run user -- disable --email a@lab        npm run user -- enable --email a@lab
 *   npm run user -- password --email a@lab       set a new password (prompt or stdin)
 *   npm run user -- token --email a@lab --name ci [--role viewer] [--expires-days 90]   prints a new API token
 */
import { parseArgs } from "node:util";
import os from "node:os";
import readline from "node:readline";
import { Writable } from "node:stream";
import { z } from "zod";
import { ROLES, hasRole } from "../lib/auth/roles";
import {
  emailField,
  newApiTokenSchema,
  newUserSchema,
  roleField,
  MIN_PASSWORD,
  MAX_PASSWORD,
} from "../lib/schemas/auth";

function fail(message: string): never {
  console.error(`npm run user: ${message}`);
  process.exit(2);
}

/** A password typed at a hidden prompt (twice), or the first line of stdin when it is not a terminal. */
async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
      process.stdout.write(q);
      muted = true;
      rl.question("", (answer) => {
        muted = false;
        process.stdout.write("\n");
        rl.close();
        resolve(answer);
      });
    });
  const first = await ask(prompt);
  const second = await ask("Again: ");
  if (first !== second) fail("the two passwords differ");
  return first;
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; "));
  return parsed.data;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      "expires-days": { type: "string" },
    },
    strict: true,
  });
  const { recordAudit } = await import("../lib/db/audit");
  const users = await import("../lib/db/users");
  const actor = {
    actorType: "system" as const,
    actorId: null,
    actorLabel: `terminal (npm run user, ${os.userInfo().username})`,
  };
  const userByEmail = async () => {
    const email = check(emailField, values.email);
    return (await users.getUserByEmail({ email })) ?? fail(`no account for ${email}`);
  };

  switch (command) {
    case "add": {
      const password = await readPassword(`Password for ${values.email} (at least ${MIN_PASSWORD} characters): `);
      const input = check(newUserSchema, { email: values.email, name: values.name, role: values.role, password });
      const { createAccount } = await import("../lib/auth/accounts");
      const created = await createAccount(input);
      if (!created.ok) fail(created.message);
      await recordAudit(actor, {
        action: "user.create",
        targetType: "user",
        targetId: created.value.id,
        summary: `Added ${input.email} as ${input.role} from a terminal`,
        details: { role: input.role },
      });
      console.log(`Added ${input.email} (${input.role}). They can sign in now.`);
      break;
    }
    case "list": {
      for (const u of await users.listUsers())
        console.log(
          `${u.email}\t${u.role}\t${u.banned ? "disabled" : "enabled"}\t${u._count.apiTokens} active token(s)`,
        );
      break;
    }
    case "role": {
      const user = await userByEmail();
      const role = check(roleField, values.role);
      const result = await users.setUserRole({ id: user.id, role });
      if (!result.ok) fail(result.message);
      await recordAudit(actor, {
        action: "user.role",
        targetType: "user",
        targetId: user.id,
        summary: `Changed the role of ${user.email} from ${result.value.from} to ${role} from a terminal`,
        details: { from: result.value.from, to: role },
      });
      console.log(`${user.email} is now ${role}.`);
      break;
    }
    case "disable":
    case "enable": {
      const user = await userByEmail();
      const result = await users.setUserDisabled({ id: user.id, disabled: command === "disable" });
      if (!result.ok) fail(result.message);
      await recordAudit(actor, {
        action: `user.${command}`,
        targetType: "user",
        targetId: user.id,
        summary: `${command === "disable" ? "Disabled" : "Enabled"} ${user.email} from a terminal`,
      });
      console.log(`${user.email} is ${command}d.`);
      break;
    }
    case "password": {
      const user = await userByEmail();
      const password = check(
        z.string().min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`).max(MAX_PASSWORD),
        await readPassword(`New password for ${user.email}: `),
      );
      const { resetPassword } = await import("../lib/auth/accounts");
      await resetPassword({ userId: user.id, password });
      await recordAudit(actor, {
        action: "user.password-reset",
        targetType: "user",
        targetId: user.id,
        summary: `Set a new password for ${user.email} from a terminal`,
      });
      console.log(`New password set for ${user.email}.`);
      break;
    }
    case "token": {
      const user = await userByEmail();
      const input = check(newApiTokenSchema, {
        name: values.name,
        role: values.role ?? user.role,
        expiresInDays: values["expires-days"],
      });
      if (!hasRole(user.role, input.role)) fail(`a token cannot have a role above its owner's (${user.role})`);
      const { issueApiToken } = await import("../lib/operations/tokens");
      const { row, token } = await issueApiToken({ ...input, userId: user.id });
      await recordAudit(actor, {
        action: "token.create",
        targetType: "token",
        targetId: row.id,
        summary: `Created API token “${row.name}” (${row.role}) for ${user.email} from a terminal`,
      });
      console.log(token);
      break;
    }
    default:
      fail(
        `unknown command "${command ?? ""}": use add, list, role, disable, enable, password or token (roles: ${ROLES.join(", ")})`,
      );
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(`npm run user: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
