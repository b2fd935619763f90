/** The attendance policies an organisation or unit can follow (SPEC §4C), and which one each unit follows. */

/** The policies, with how they are described to the people choosing one. */
export const POLICY_MODELS = {
  person_centred: 'Person-centred (wellbeing and attendance)',
  trigger_based: 'Trigger-based (e.g. Bradford factor)',
} as const;

export type PolicyModel = keyof typeof POLICY_MODELS;

export interface UnitPolicy {
  id: number;
  parentId: number | null;
  /** The unit's own policy; null (or anything unknown) follows the unit above it. */
  policyModel: string | null;
}

export function isPolicyModel(value: string | null): value is PolicyModel {
  return value !== null && Object.hasOwn(POLICY_MODELS, value);
}

/**
 * The policy each unit follows: its own, else that of the nearest unit above it that has one,
 * else the organisation's. A pure function of the unit tree.
 */
export function effectivePolicies(
  units: readonly UnitPolicy[],
  organisationPolicy: PolicyModel,
): Map<number, PolicyModel> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const resolved = new Map<number, PolicyModel>();
  for (const unit of units) {
    const chain: number[] = [];
    let policy = organisationPolicy;
    let current: UnitPolicy | undefined = unit;
    while (current && !chain.includes(current.id)) {
      const known = resolved.get(current.id);
      if (known) {
        policy = known;
        break;
      }
      chain.push(current.id);
      if (isPolicyModel(current.policyModel)) {
        policy = current.policyModel;
        break;
      }
      current = current.parentId === null ? undefined : byId.get(current.parentId);
    }
    for (const id of chain) resolved.set(id, policy);
  }
  return resolved;
}
