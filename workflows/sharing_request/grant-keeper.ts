/**
 * A grant's life inside the workflow that made it (a sharing request, or a
 * dispute ruled for the consumer): it is recorded and filed with both
 * departments, then lasts until the end of its usage period (a durable timer)
 * or until the provider or the platform authority revokes it with a reason.
 * The owning workflow registers `revoke` and `validateRevocation` for the
 * `revokeGrant` Update.
 */
import { condition, workflowInfo } from '@temporalio/workflow';
import type { Notice } from '../../activities/cases/notices';
import { actorMatches } from '../../domain/roles';
import { CaseRefusal, type GrantStatus, type ResourceSnapshot, type RevokeInput } from './contract';
import { own } from './activities-proxy';
import { refuse } from '../sla/human-tasks';
import { hasVisibleText } from '../../domain/text/visible';

export interface GrantTermsOf {
  requestId: string;
  resource: ResourceSnapshot;
  consumer: string;
  items: string[];
  purpose: string;
  usageFrom: string;
  usageTo: string;
  usageEndsAt: string;
  /** Another grant of the same request (art. 19's base items, a ruling's reinstatement) has its own id and part. */
  part?: 'main' | 'base' | 'ruled';
}

export const grantIdOf = (requestId: string, part: 'main' | 'base' | 'ruled' = 'main') =>
  part === 'main' ? `G-${requestId}` : `G-${requestId}-${part.toUpperCase()}`;

export class GrantKeeper {
  status: GrantStatus | null = null;
  readonly id: string;
  private revocation: RevokeInput | null = null;

  constructor(
    private readonly terms: GrantTermsOf,
    /** A notice to both departments with this title. */
    private readonly toBoth: (zh: string, en: string) => Notice,
    /** The next event id of the owning workflow. */
    private readonly eventId: (action: string) => string,
    /** Set when the leading group's ruling made the grant (art. 25): only a new ruling ends it. */
    private readonly madeBy: { ruling?: string } = {},
  ) {
    this.id = grantIdOf(terms.requestId, terms.part);
  }

  /** The `revokeGrant` Update's validator: only the provider or the platform authority, with a reason, while active. */
  readonly validateRevocation = (r: RevokeInput): void => {
    const provider = this.terms.resource.providerDepartment;
    const mayRevoke =
      actorMatches(r.actor, { role: 'provider_reviewer', department: provider }) ||
      actorMatches(r.actor, { role: 'data_steward', department: provider }) ||
      actorMatches(r.actor, { role: 'platform_approver', department: null });
    if (!mayRevoke)
      refuse(
        CaseRefusal.Forbidden,
        `only the provider (${provider}) or the platform authority may revoke`,
        'not_provider',
      );
    if (this.madeBy.ruling)
      refuse(
        CaseRefusal.Forbidden,
        `the leading group's binding ruling in dispute ${this.madeBy.ruling} made this grant (art. 25); only a new ruling can end it`,
        'made_by_ruling',
        { dispute: this.madeBy.ruling },
      );
    if (this.status !== 'active' || this.revocation)
      refuse(
        CaseRefusal.Closed,
        this.status
          ? `the grant is already ${this.revocation ? 'revoked' : this.status}`
          : 'nothing is granted yet',
        'grant_not_active',
        { status: this.revocation ? 'revoked' : (this.status ?? 'none') },
      );
    if (!hasVisibleText(r.reason))
      refuse(CaseRefusal.Invalid, 'a reason is required to revoke a grant', 'reason_required', {
        decision: 'revoke',
      });
  };

  /** The `revokeGrant` Update's handler: the grant ends now, and the answer is its final status. */
  readonly revoke = async (r: RevokeInput): Promise<GrantStatus> => {
    this.revocation = r;
    await condition(() => this.status !== 'active');
    // In the handler, not a validator: this failure is in the history, so it stays as recorded (no reason key).
    if (this.status !== 'revoked')
      refuse(CaseRefusal.Closed, `the grant ${this.status} before it could be revoked`);
    return this.status;
  };

  /**
   * The resource was retired (art. 9): an active grant ends now as revoked, whatever made it; a grant
   * not active, or already being revoked, is left as it is.
   */
  readonly endWithResource = (r: RevokeInput): void => {
    if (this.status === 'active' && !this.revocation) this.revocation = r;
  };

  /** Records the grant and files it with both departments. */
  async grant(title: { zh: string; en: string }): Promise<void> {
    const t = this.terms;
    await own.recordGrant({
      eventId: this.eventId('grant'),
      grant: {
        id: this.id,
        part: t.part ?? 'main',
        requestId: t.requestId,
        workflowId: workflowInfo().workflowId,
        resourceCode: t.resource.code,
        consumerDepartment: t.consumer,
        providerDepartment: t.resource.providerDepartment,
        items: t.items,
        purpose: t.purpose,
        usageFrom: t.usageFrom,
        usageTo: t.usageTo,
        mode: t.resource.mode,
        grantedAt: new Date(Date.now()).toISOString(),
      },
      notice: this.toBoth(title.zh, title.en),
    });
    this.status = 'active';
  }

  /** Waits for the end of the usage period or a revocation, and records which. */
  async keep(): Promise<GrantStatus> {
    const t = this.terms;
    const remaining = Date.parse(t.usageEndsAt) - Date.now();
    if (remaining > 0) await condition(() => this.revocation !== null, remaining);
    const r = this.revocation;
    await own.recordGrantEnd({
      eventId: this.eventId('grant-end'),
      grantId: this.id,
      status: r ? 'revoked' : 'expired',
      // An expired grant ended at the end of its period, whenever the timer's wake-up was processed.
      at: r ? new Date(Date.now()).toISOString() : new Date(Date.parse(t.usageEndsAt)).toISOString(),
      by: r?.actor.username ?? null,
      byDepartment: r?.actor.department ?? null,
      reason: r ? r.reason.trim() : `使用期限于 ${t.usageTo} 届满`,
      notice: r
        ? this.toBoth('共享授权已撤销', 'Grant revoked')
        : this.toBoth('共享授权使用期满终止', 'Grant ended with its usage period'),
    });
    this.status = r ? 'revoked' : 'expired';
    return this.status;
  }
}
