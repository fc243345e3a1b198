/**
 * The JSON the policy API answers with, built field by field. Money leaves as decimal strings of
 * fen; instants as ISO strings.
 * @module
 */
import type { ApplicationDetail } from './application-service.ts'
import type { ProgrammeCheck } from './eligibility.ts'
import { failedOf } from './eligibility.ts'
import type { Application, Eligibility, Programme, YearFacts } from './model.ts'
import { countsView, type ProgrammeSummary, type ProgrammeWithUse } from './service.ts'
import type { ProgrammeWords } from './words.ts'

const iso = (ms: number) => new Date(ms).toISOString()
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))
const fenOrNull = (fen: bigint | null) => (fen === null ? null : fen.toString())

export const programmeView = ({ programme: p, use }: ProgrammeWithUse) => {
  const remaining = p.budgetFen - use.committedFen
  return {
    id: p.id,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    descriptionZh: p.descriptionZh,
    descriptionEn: p.descriptionEn,
    rules: p.rules.map((r) => ({ ...r })),
    amountFen: p.amountFen.toString(),
    budgetFen: p.budgetFen.toString(),
    committedFen: use.committedFen.toString(),
    disbursedFen: use.disbursedFen.toString(),
    remainingFen: (remaining > 0n ? remaining : 0n).toString(),
    opensOn: p.opensOn,
    closesOn: p.closesOn,
    status: p.status,
    noteZh: p.noteZh,
    noteEn: p.noteEn,
    applications: countsView(use.counts),
    synthetic: p.synthetic,
    updatedAt: iso(p.updatedAtMs),
  }
}

export const summaryView = (s: { synthetic: boolean; programmes: readonly ProgrammeSummary[] }) => ({
  synthetic: s.synthetic,
  programmes: s.programmes.map(({ programme: p, use, eligibleEnterprises }) => ({
    id: p.id,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    budgetFen: p.budgetFen.toString(),
    committedFen: use.committedFen.toString(),
    disbursedFen: use.disbursedFen.toString(),
    applications: countsView(use.counts),
    eligibleEnterprises,
  })),
})

export const yearFactsView = (f: YearFacts) => ({
  enterpriseId: f.enterpriseId,
  year: f.year,
  revenueFen: f.revenueFen.toString(),
  rdExpenseFen: f.rdExpenseFen.toString(),
  highTechRevenueShare: f.highTechRevenueShare,
  techStaffShare: f.techStaffShare,
  yearsInNiche: f.yearsInNiche,
  mainBusinessShare: f.mainBusinessShare,
  enteredBy: f.enteredBy,
  enteredAt: iso(f.enteredAtMs),
  synthetic: f.synthetic,
})

/** A programme's result: the CLI record's fields, then every rule and the verdict in words. */
export const resultView = (check: ProgrammeCheck, words: ProgrammeWords) => ({
  id: check.id,
  eligible: check.eligible,
  failed: failedOf(check),
  checks: check.checks.map((c, i) => ({
    rule: c.rule,
    comparison: c.comparison,
    required: c.required,
    actual: c.actual,
    passed: c.passed,
    tier: c.tier,
    words: { en: words.rules[i]!.en, zh: words.rules[i]!.zh },
  })),
  summary: { ...words.summary },
})

export const eligibilityView = (e: Eligibility, names: ReadonlyMap<string, Programme>) => ({
  enterpriseId: e.enterpriseId,
  year: e.year,
  facts: { ...e.facts },
  energy: { ...e.energy },
  programmes: e.programmes.map((p) => ({
    ...resultView(p.check, p.words),
    nameZh: names.get(p.programmeId)?.nameZh ?? p.programmeId,
    nameEn: names.get(p.programmeId)?.nameEn ?? p.programmeId,
  })),
})

export interface Names {
  readonly programmes: ReadonlyMap<string, { nameZh: string; nameEn: string }>
  readonly enterprises: ReadonlyMap<string, { nameZh: string; nameEn: string }>
}

export const applicationView = (a: Application, names: Names, approvals: number) => ({
  id: a.id,
  programmeId: a.programmeId,
  programmeNameZh: names.programmes.get(a.programmeId)?.nameZh ?? a.programmeId,
  programmeNameEn: names.programmes.get(a.programmeId)?.nameEn ?? a.programmeId,
  enterpriseId: a.enterpriseId,
  enterpriseNameZh: names.enterprises.get(a.enterpriseId)?.nameZh ?? a.enterpriseId,
  enterpriseNameEn: names.enterprises.get(a.enterpriseId)?.nameEn ?? a.enterpriseId,
  applicantId: a.applicantId,
  status: a.status,
  note: a.note,
  awardFen: fenOrNull(a.awardFen),
  disbursedFen: fenOrNull(a.disbursedFen),
  rejectionReason: a.rejectionReason,
  approvals,
  createdAt: iso(a.createdAtMs),
  submittedAt: isoOrNull(a.submittedAtMs),
  decidedAt: isoOrNull(a.decidedAtMs),
  disbursedAt: isoOrNull(a.disbursedAtMs),
  updatedAt: iso(a.updatedAtMs),
  synthetic: a.synthetic,
})

export const detailView = (d: ApplicationDetail, names: Names) => {
  const e = d.application.eligibility
  return {
    application: applicationView(d.application, names, d.approvals.length),
    eligibility: e && {
      year: e.year,
      facts: { ...e.facts },
      energyMonths: e.energyMonths,
      result: resultView(e.check, e.words),
    },
    approvals: d.approvals.map((a) => ({
      adminId: a.adminId,
      adminName: a.adminName,
      at: iso(a.atMs),
      note: a.note,
    })),
    documents: d.documents.map((doc) => ({
      id: doc.id,
      name: doc.name,
      mediaType: doc.mediaType,
      sizeBytes: doc.sizeBytes,
      uploadedBy: doc.uploadedBy,
      uploadedAt: iso(doc.uploadedAtMs),
    })),
    trail: d.events.map((ev) => ({
      action: ev.action,
      actorId: ev.actorId,
      actorName: ev.actorName,
      at: iso(ev.atMs),
      from: ev.fromStatus,
      to: ev.toStatus,
      note: ev.note,
    })),
  }
}
