import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import { WecomApiError, type BatchGetByUserAnswer, type WecomClient } from '@rapport/wecom'
import WecomContact from '#models/wecom_contact'
import WecomFollow from '#models/wecom_follow'
import WecomGroup from '#models/wecom_group'
import WecomSyncRun from '#models/wecom_sync_run'
import { FollowStatus, GroupStatus, SyncKind, SyncPhase, SyncStatus } from '#enums/wecom'
import { rooms } from '#realtime/events'
import { ConflictException } from '#exceptions/api_exceptions'
import { toConsole } from '#realtime/emitter'
import { emptySummary, presentSyncRun, type SyncCounts, type SyncSummary } from '#queries/wecom/sync_queries'
import { transaction } from '#services/transactions'
import { wecomClient } from '#services/wecom'
import { LockBusyError, withLock } from '#services/redis_lock'
import { refreshStatus, upsertContact, type ContactInfo, type FollowInfo } from '#services/wecom_contacts'
import { dismissGroup, syncGroup } from '#services/wecom_groups'
import { applyFollowTags, syncCorpTags } from '#services/wecom_tags'

/** WeCom takes at most 100 userids and answers at most 100 contacts per batch/get_by_user. */
const BATCH_USERS = 100
const BATCH_LIMIT = 100
/** Groups per groupchat/list page while syncing (one checkpoint each); counting pages take 1000. */
const GROUP_PAGE = 100
const GROUP_COUNT_PAGE = 1000
/**
 * A page of contacts is written in this many transactions at once (different contacts, so
 * they do not wait on each other; a member two of them would bind to is locked, so only one
 * binds). The database, not WeCom, is what a full sync waits on.
 */
const APPLY_CONCURRENCY = 4
/** Contacts fetched one by one (incremental) between two checkpoints. */
const FETCH_BATCH = 20
/** The console hears about progress at most this often. */
const EMIT_INTERVAL_MS = 500

/** WeCom: "chatid not found", "not external contact". */
const CHAT_NOT_FOUND = 40050
const NOT_A_CONTACT = 84061

type ContactDetail = { contact: ContactInfo; follows: FollowInfo[] }

const PHASES = [SyncPhase.FollowUsers, SyncPhase.Contacts, SyncPhase.Groups, SyncPhase.Tags] as const

/**
 * Where a run is, saved after every page so that a job retry or a new run resumes there.
 * Progress is counted in units with a budget per phase: follow_users one per follow user (and
 * one for the list), contacts one per follow relation (full) or per contact to fetch
 * (incremental), groups one per group, tags one. Budgets are estimates until the follow_users
 * phase has listed everything; then they are exact and the total no longer moves.
 */
type Checkpoint = {
  phase: SyncPhase
  /** Units done in the current phase. */
  units: number
  budgets: Record<SyncPhase, number>
  userids: string[] | null
  /** Next follow user (follow_users pass; incremental contacts pass). */
  user_index: number
  /** Next chunk of ≤100 userids (full contacts pass). */
  chunk: number
  /** Cursor within the chunk, or within groupchat/list. */
  cursor: string
  /** Follow relations (full) or missing contacts (incremental) the follow users' lists showed so far. */
  to_fetch: number
  resumed_from?: number
}

/**
 * A WeCom sync (the job's work).
 *
 * Full: every follow user's contacts in detail (batch/get_by_user), every group
 * (groupchat/get), then the corp tags. Unchanged records are not written, so a second full
 * sync of unchanged data reports nothing created or updated.
 *
 * Incremental: WeCom cannot say what changed since a time, so it compares lists instead:
 * each follow user's contact list (list?userid) against our active follows, fetching details
 * (get) only for contacts we lack; groupchat/list against our groups, fetching only groups we
 * lack; and the corp tags (one call). Callbacks keep everything else current.
 *
 * Both kinds end the follow relations WeCom no longer lists (the follow user's list lacks the
 * contact) and close groups it no longer lists. Who ended a relation is unknown then, and we
 * record `deleted_by_staff`: `deleted_by_customer` only ever comes from WeCom saying so (the
 * del_follow_user callback), and no lost-customer entry is made for it. Follows of a userid
 * that is no longer a follow user (permission withdrawn, or resigned and awaiting handover)
 * are left as they are.
 */
export default class RunSync {
  #run!: WecomSyncRun
  #cp!: Checkpoint
  #summary!: SyncSummary
  #client!: WecomClient
  /** Contacts already counted in this process, so one with several follows counts once. */
  #counted = new Map<number, keyof SyncCounts>()
  #lastEmit = 0

  async handle(runId: number) {
    const run = await claim(runId)
    if (!run) return
    this.#run = run
    this.#cp = (run.checkpoint as Checkpoint | null) ?? (await this.#freshCheckpoint())
    this.#summary = { ...emptySummary(), ...(run.summary as Partial<SyncSummary> | null) }
    this.#client = wecomClient()
    await this.#save(true)

    try {
      for (const phase of PHASES.slice(PHASES.indexOf(this.#cp.phase))) {
        if (phase !== this.#cp.phase) this.#enter(phase)
        await this.#save()
        if (phase === SyncPhase.FollowUsers) await this.#followUsers()
        if (phase === SyncPhase.Contacts) await (this.#run.kind === SyncKind.Full ? this.#allContacts() : this.#missingContacts())
        if (phase === SyncPhase.Groups) await this.#groups()
        if (phase === SyncPhase.Tags) await this.#tags()
        this.#cp.units = this.#cp.budgets[phase]
      }
    } catch (error) {
      this.#run.merge({ status: SyncStatus.Failed, error: describe(error), finishedAt: DateTime.now() })
      await this.#save(true, true)
      throw error
    }
    this.#run.merge({ status: SyncStatus.Done, error: null, finishedAt: DateTime.now() })
    await this.#save(true, true)
  }

  // ---- phases ---------------------------------------------------------------------------------

  /**
   * The follow users, then each one's contact list: follows WeCom no longer lists end here,
   * and the lists give the contacts phase its exact size. Then the groups are counted.
   */
  async #followUsers() {
    const cp = this.#cp
    if (!cp.userids) {
      cp.userids = await this.#client.getFollowUserList()
      cp.budgets[SyncPhase.FollowUsers] = cp.userids.length + 1
      cp.units = 1
      await this.#save()
    }
    for (; cp.user_index < cp.userids.length; cp.user_index++) {
      const userid = cp.userids[cp.user_index]
      const listed = await this.#client.listContacts(userid)
      const listedSet = new Set(listed)
      const ours = await activeFollows(userid)
      this.#summary.contacts.removed += await endFollows(
        userid,
        [...ours.keys()].filter((externalUserid) => !listedSet.has(externalUserid))
      )
      if (this.#run.kind === SyncKind.Full) {
        cp.to_fetch += listed.length
      } else {
        // Incremental looks no closer at contacts we have: they count as unchanged.
        for (const externalUserid of listed) {
          const contactId = ours.get(externalUserid)
          if (contactId === undefined) cp.to_fetch++
          else this.#count(contactId, 'unchanged')
        }
      }
      cp.units = cp.user_index + 2
      await this.#save()
    }
    // The sizes are known now: the total stays as it is from here on.
    cp.budgets[SyncPhase.Contacts] = cp.to_fetch
    cp.budgets[SyncPhase.Groups] = await this.#countGroups()
    await this.#save()
  }

  /** Full: every follow relation in detail, 100 userids and 100 contacts per call. */
  async #allContacts() {
    const cp = this.#cp
    const userids = cp.userids ?? []
    for (; cp.chunk * BATCH_USERS < userids.length; cp.chunk++, cp.cursor = '') {
      const chunk = userids.slice(cp.chunk * BATCH_USERS, (cp.chunk + 1) * BATCH_USERS)
      do {
        const page = await this.#client.batchGetByUser({ userid_list: chunk, cursor: cp.cursor || undefined, limit: BATCH_LIMIT })
        await this.#applyContacts(page.external_contact_list)
        cp.units += page.external_contact_list.length
        cp.cursor = page.next_cursor ?? ''
        await this.#save()
      } while (cp.cursor)
    }
  }

  /**
   * Incremental: per follow user, the contacts WeCom lists that we lack (no active follow with
   * this user), fetched one by one. Resuming needs no cursor: those already fetched are no
   * longer lacking.
   */
  async #missingContacts() {
    const cp = this.#cp
    const userids = cp.userids ?? []
    for (; cp.user_index < userids.length; cp.user_index++) {
      const userid = userids[cp.user_index]
      const listed = await this.#client.listContacts(userid)
      const ours = await activeFollows(userid)
      const missing = listed.filter((externalUserid) => !ours.has(externalUserid))
      for (let i = 0; i < missing.length; i += FETCH_BATCH) {
        const details: ContactDetail[] = []
        for (const externalUserid of missing.slice(i, i + FETCH_BATCH)) {
          const detail = await this.#contactDetail(externalUserid)
          if (detail) details.push(detail)
        }
        const results = await transaction(async (trx) => {
          const written = []
          for (const detail of details) written.push(await upsertContact(trx, detail.contact, detail.follows))
          for (const result of written) await applyFollowTags(trx, result.contact.id)
          return written
        })
        for (const result of results) this.#count(result.contact.id, result.created ? 'created' : result.changed ? 'updated' : 'unchanged')
        cp.units += Math.min(FETCH_BATCH, missing.length - i)
        await this.#save()
      }
    }
  }

  /**
   * Each group WeCom lists: in detail (full), or only those we lack (incremental). Then the
   * groups we have open that WeCom no longer lists are closed.
   */
  async #groups() {
    const cp = this.#cp
    const full = this.#run.kind === SyncKind.Full
    do {
      const page = await this.#client.listGroupChats({ cursor: cp.cursor || undefined, limit: GROUP_PAGE })
      const chatIds = page.group_chat_list.map((chat) => chat.chat_id)
      const known = full
        ? new Set<string>()
        : new Set(
            (await WecomGroup.query().whereIn('chatId', chatIds).where('status', GroupStatus.Active).select('chatId')).map((g) => g.chatId)
          )
      for (const chatId of chatIds) {
        if (known.has(chatId)) {
          this.#summary.groups.unchanged++
          continue
        }
        let chat
        try {
          chat = await this.#client.getGroupChat(chatId, 1)
        } catch (error) {
          if (error instanceof WecomApiError && error.errcode === CHAT_NOT_FOUND) continue
          throw error
        }
        const result = await transaction((trx) => syncGroup(trx, chat))
        this.#summary.groups[result.created ? 'created' : result.changed ? 'updated' : 'unchanged']++
      }
      cp.units += chatIds.length
      cp.cursor = page.next_cursor ?? ''
      await this.#save()
    } while (cp.cursor)

    const listed = await this.#listGroupIds()
    const open = await WecomGroup.query().where('status', GroupStatus.Active).select('chatId')
    for (const group of open) {
      if (listed.has(group.chatId)) continue
      const closed = await transaction((trx) => dismissGroup(trx, group.chatId, DateTime.now(), { source: 'sync' }))
      if (closed) this.#summary.groups.removed++
    }
  }

  async #tags() {
    this.#summary.tags = await syncCorpTags()
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** One page of batch/get_by_user: a contact listed under several userids is written once. */
  async #applyContacts(list: BatchGetByUserAnswer['external_contact_list']) {
    const byContact = new Map<string, { contact: (typeof list)[number]['external_contact']; follows: FollowInfo[] }>()
    for (const entry of list) {
      const known = byContact.get(entry.external_contact.external_userid)
      if (known) known.follows.push(entry.follow_info)
      else byContact.set(entry.external_contact.external_userid, { contact: entry.external_contact, follows: [entry.follow_info] })
    }
    const entries = [...byContact.values()]
    const slice = Math.ceil(entries.length / APPLY_CONCURRENCY)
    const slices = Array.from({ length: APPLY_CONCURRENCY }, (_, i) => entries.slice(i * slice, (i + 1) * slice)).filter((s) => s.length)
    const results = await Promise.all(
      slices.map((part) =>
        transaction(async (trx) => {
          const written = []
          for (const { contact, follows } of part) written.push(await upsertContact(trx, contact, follows))
          // The member tags follow the contact's WeCom tags, as when a callback stores a contact.
          for (const result of written) await applyFollowTags(trx, result.contact.id)
          return written
        })
      )
    )
    for (const result of results.flat()) this.#count(result.contact.id, result.created ? 'created' : result.changed ? 'updated' : 'unchanged')
  }

  /** A contact and all its follow relations (get pages them beyond 500 follows). */
  async #contactDetail(externalUserid: string): Promise<ContactDetail | null> {
    try {
      const first = await this.#client.getContact(externalUserid)
      const follows: FollowInfo[] = [...first.follow_user]
      for (let cursor = first.next_cursor; cursor; ) {
        const next = await this.#client.getContact(externalUserid, cursor)
        follows.push(...next.follow_user)
        cursor = next.next_cursor
      }
      return { contact: first.external_contact, follows }
    } catch (error) {
      // Gone between the list and now: the next sync (or the callback) settles it.
      if (error instanceof WecomApiError && error.errcode === NOT_A_CONTACT) return null
      throw error
    }
  }

  /** Counts a contact once per run, by the strongest outcome: created, then updated. */
  #count(contactId: number, outcome: 'created' | 'updated' | 'unchanged') {
    const counts = this.#summary.contacts
    const before = this.#counted.get(contactId)
    if (before === 'created' || before === outcome || (before === 'updated' && outcome === 'unchanged')) return
    if (before) counts[before]--
    counts[outcome]++
    this.#counted.set(contactId, outcome)
  }

  async #countGroups() {
    return (await this.#listGroupIds()).size
  }

  async #listGroupIds() {
    const ids = new Set<string>()
    let cursor: string | undefined
    do {
      const page = await this.#client.listGroupChats({ cursor, limit: GROUP_COUNT_PAGE })
      for (const chat of page.group_chat_list) ids.add(chat.chat_id)
      cursor = page.next_cursor || undefined
    } while (cursor)
    return ids
  }

  /** Until the follow users are listed, the budgets are guesses from what we hold. */
  async #freshCheckpoint(): Promise<Checkpoint> {
    const [follows, groups] = await Promise.all([
      WecomFollow.query().where('status', FollowStatus.Active).count('* as total'),
      WecomGroup.query().where('status', GroupStatus.Active).count('* as total'),
    ])
    const full = this.#run.kind === SyncKind.Full
    return {
      phase: SyncPhase.FollowUsers,
      units: 0,
      budgets: {
        [SyncPhase.FollowUsers]: 1,
        [SyncPhase.Contacts]: full ? Number(follows[0].$extras.total) : 0,
        [SyncPhase.Groups]: Number(groups[0].$extras.total),
        [SyncPhase.Tags]: 1,
      },
      userids: null,
      user_index: 0,
      chunk: 0,
      cursor: '',
      to_fetch: 0,
    }
  }

  #enter(phase: SyncPhase) {
    Object.assign(this.#cp, { phase, units: 0, user_index: 0, chunk: 0, cursor: '' })
  }

  /**
   * Saves the checkpoint, progress and summary, and tells the console, at most every 500 ms:
   * an `announce`d state (start, end) waits out the interval rather than go unsaid.
   */
  async #save(announce = false, final = false) {
    const cp = this.#cp
    const index = PHASES.indexOf(cp.phase)
    const before = PHASES.slice(0, index).reduce((sum, phase) => sum + cp.budgets[phase], 0)
    const total = PHASES.reduce((sum, phase) => sum + cp.budgets[phase], 0)
    const done = final && this.#run.status === SyncStatus.Done ? total : before + Math.min(cp.units, cp.budgets[cp.phase])
    const progressDone = Math.max(this.#run.progressDone, done)
    this.#run.merge({
      phase: cp.phase,
      checkpoint: { ...cp },
      summary: structuredClone(this.#summary),
      progressDone,
      progressTotal: Math.max(total, progressDone),
    })
    if (final && this.#run.status === SyncStatus.Done) this.#run.progressTotal = this.#run.progressDone
    await this.#run.save()

    const wait = this.#lastEmit + EMIT_INTERVAL_MS - Date.now()
    if (wait > 0 && !announce) return
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    this.#emit()
  }

  #emit() {
    this.#lastEmit = Date.now()
    if (!this.#run.requestedBy) return
    try {
      toConsole().to(rooms.staff(this.#run.requestedBy)).emit('wecom:sync', presentSyncRun(this.#run))
    } catch (error) {
      logger.warn({ err: error, runId: this.#run.id }, 'could not announce WeCom sync progress')
    }
  }
}

/**
 * Runs `work` holding the sync lock, so two requests at the same moment cannot both find no
 * active run and both start one, nor a job retry take up a run that a request is resuming.
 */
export async function exclusively<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await withLock('wecom-sync', work, { ttlMs: 15_000, waitMs: 5000 })
  } catch (error) {
    if (error instanceof LockBusyError) throw new ConflictException('A WeCom sync is being started', 'sync_running')
    throw error
  }
}

/**
 * Takes the run for this attempt: not when it is done, nor when a newer run has taken over
 * (a failed run resumed by a new request); a failed run retried by its job runs again.
 */
async function claim(runId: number) {
  return exclusively(async () => {
    const run = await WecomSyncRun.find(runId)
    if (!run || run.status === SyncStatus.Done) return null
    const newer = await WecomSyncRun.query().where('id', '>', runId).first()
    if (newer) return null
    run.merge({ status: SyncStatus.Running, error: null, finishedAt: null, startedAt: run.startedAt ?? DateTime.now() })
    await run.save()
    return run
  })
}

/** Our active follows of a follow user: external userid → contact id. */
async function activeFollows(userid: string) {
  const rows = await WecomFollow.query()
    .join('wecom_contacts', 'wecom_contacts.id', 'wecom_follows.contact_id')
    .where('wecom_follows.wecom_userid', userid)
    .where('wecom_follows.status', FollowStatus.Active)
    .select('wecom_follows.contact_id', 'wecom_contacts.external_userid')
  return new Map(rows.map((row) => [String(row.$extras.external_userid), row.contactId]))
}

/** Ends follow relations WeCom no longer lists (see RunSync: deleted_by_staff). */
async function endFollows(userid: string, externalUserids: string[]) {
  let ended = 0
  for (const externalUserid of externalUserids) {
    const done = await transaction(async (trx) => {
      const contact = await WecomContact.query({ client: trx }).where('externalUserid', externalUserid).forUpdate().first()
      if (!contact) return false
      const follow = await WecomFollow.query({ client: trx })
        .where('contactId', contact.id)
        .where('wecomUserid', userid)
        .where('status', FollowStatus.Active)
        .forUpdate()
        .first()
      if (!follow) return false
      follow.merge({ status: FollowStatus.DeletedByStaff, deletedAt: DateTime.now() })
      await follow.useTransaction(trx).save()
      await refreshStatus(trx, contact)
      return true
    })
    if (done) ended++
  }
  return ended
}

function describe(error: unknown) {
  return error instanceof Error ? error.message : String(error)
}
