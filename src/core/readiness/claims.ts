/**
 * What the readiness check expects of each user, as plain data: the claims the service provider needs and the
 * Identity Center variable each comes from. Made from a provider definition by expectations.ts; the check itself
 * knows no provider.
 */

/** One claim every signing-in user needs a value for. */
export interface ClaimExpectation {
  /** The claim as the provider reads it: an attribute's name, or `Subject` for the NameID. */
  claim: string;
  /** Other claims mapped from the same variable (Frontline's `Subject` carries the same address as `email`). */
  alsoIn?: string[];
  /** The Identity Center value: a `${user:…}` variable or a literal. */
  variable: string;
  /** Where the mapping was read from ("frontline-sso.json"), or undefined for the provider's suggested value. */
  from?: string;
  /** `text`: not empty; `email`: an email address; `persistent`: an identifier that stays the same for the user. */
  value: 'text' | 'email' | 'persistent';
  /** Two users with the same value are one account to the provider. */
  identifiesUser: boolean;
}

export interface ReadinessExpectations {
  /** The provider's id, when the expectations come from a definition. */
  providerId?: string;
  /** The provider as messages name it ("Frontline", "Twilio Flex (enhanced SSO)"). */
  providerName: string;
  /** What the provider calls a signed-in person ("worker" for Frontline, else "user"). */
  person: string;
  claims: ClaimExpectation[];
}

/** Frontline's expectations with its email from `variable` (the check as it was before providers). */
export function frontlineExpectations(source: { variable: string; from?: string }): ReadinessExpectations {
  return {
    providerId: 'twilio-frontline',
    providerName: 'Frontline',
    person: 'worker',
    claims: [
      {
        claim: 'email',
        alsoIn: ['Subject'],
        variable: source.variable,
        from: source.from,
        value: 'email',
        identifiesUser: true,
      },
    ],
  };
}

const STRENGTH = { text: 0, persistent: 1, email: 2 } as const;

/**
 * One expectation per variable: claims mapped from the same variable carry the same value, so a user missing it is
 * told once. The strongest need wins (email over persistent over text) and names the claim.
 */
export function mergeClaims(claims: readonly ClaimExpectation[]): ClaimExpectation[] {
  const byVariable = new Map<string, ClaimExpectation>();
  for (const c of claims) {
    const key = c.variable.trim();
    const seen = byVariable.get(key);
    if (!seen) {
      byVariable.set(key, { ...c, alsoIn: [...(c.alsoIn ?? [])] });
      continue;
    }
    const [strong, weak] = STRENGTH[c.value] > STRENGTH[seen.value] ? [c, seen] : [seen, c];
    const names = [...new Set([weak.claim, ...(weak.alsoIn ?? []), ...(strong.alsoIn ?? [])])].filter(
      (n) => n !== strong.claim,
    );
    byVariable.set(key, {
      ...strong,
      alsoIn: names,
      from: strong.from ?? weak.from,
      identifiesUser: strong.identifiesUser || weak.identifiesUser,
    });
  }
  return [...byVariable.values()];
}
