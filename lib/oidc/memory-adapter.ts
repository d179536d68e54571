// oidc-provider's storage for short-lived artifacts (sessions, interactions, codes, grants,
// tokens) of the embedded provider: in memory, by design. A restart logs everyone out of the
// embedded provider, which is what a loopback quick-start IdP should do; users and signing keys
// are on disk. (oidc-provider's own MemoryAdapter works too but warns at start-up that it is
// "development-only", which would alarm operators reading `signet serve` output.)

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number };

interface Entry {
  payload: Payload;
  expiresAt: number;
}

/** Returns an adapter class bound to one store (one per provider instance). */
export function createMemoryAdapter(now: () => number = Date.now) {
  const store = new Map<string, Entry>();
  const live = (key: string): Payload | undefined => {
    const e = store.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAt <= now()) {
      store.delete(key);
      return undefined;
    }
    return e.payload;
  };
  return class SignetMemoryAdapter {
    readonly #name: string;
    constructor(name: string) {
      this.#name = name;
    }
    #key(id: string): string {
      return `${this.#name}:${id}`;
    }
    async upsert(id: string, payload: Payload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn > 0 ? now() + expiresIn * 1000 : Number.MAX_SAFE_INTEGER;
      store.set(this.#key(id), { payload, expiresAt });
      if (payload.grantId !== undefined) store.set(`grant:${payload.grantId}:${this.#key(id)}`, { payload: { ref: this.#key(id) }, expiresAt });
      if (payload.userCode !== undefined) store.set(`userCode:${payload.userCode}`, { payload: { ref: this.#key(id) }, expiresAt });
      if (payload.uid !== undefined) store.set(`uid:${payload.uid}`, { payload: { ref: this.#key(id) }, expiresAt });
      // Drop expired entries now and then so memory stays bounded on a long-running server.
      if (store.size % 256 === 0) for (const k of [...store.keys()]) live(k);
    }
    async find(id: string): Promise<Payload | undefined> {
      return live(this.#key(id));
    }
    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      const ref = live(`userCode:${userCode}`)?.ref;
      return typeof ref === 'string' ? live(ref) : undefined;
    }
    async findByUid(uid: string): Promise<Payload | undefined> {
      const ref = live(`uid:${uid}`)?.ref;
      return typeof ref === 'string' ? live(ref) : undefined;
    }
    async consume(id: string): Promise<void> {
      const p = live(this.#key(id));
      if (p !== undefined) p.consumed = Math.floor(now() / 1000);
    }
    async destroy(id: string): Promise<void> {
      store.delete(this.#key(id));
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      const prefix = `grant:${grantId}:`;
      for (const k of [...store.keys()]) {
        if (!k.startsWith(prefix)) continue;
        store.delete(k.slice(prefix.length));
        store.delete(k);
      }
    }
  };
}
