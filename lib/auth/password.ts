import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes); the library defaults to argon2id.
export const PASSWORD_HASH_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A stored hash made with weaker settings than today's (or not argon2id at all): rehashed at the
// next successful sign-in, the one moment the password is known.
export function needsRehash(passwordHash: string): boolean {
  const match = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(passwordHash);
  if (!match) return true;
  const [, version, memory, passes] = match.map(Number);
  return (
    version! < 19 || memory! < PASSWORD_HASH_OPTIONS.memoryCost || passes! < PASSWORD_HASH_OPTIONS.timeCost
  );
}

// Verifying against a fixed hash when the email is unknown keeps the answer time the same, so
// timing does not reveal whether an account exists.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-account');
  await verifyPassword(await dummyHash, password);
  return false;
}
