import type Staff from '#models/staff'
import type Member from '#models/member'
import { ParticipantType } from '#enums/conversation'

/**
 * Who is chatting: a staff member (console) or a member (chat page). The same actions serve
 * both over REST and sockets; scope and permissions differ by type.
 */
export type Chatter =
  | { type: ParticipantType.Staff; id: number; name: string; staff: Staff }
  | { type: ParticipantType.Member; id: number; name: string | null }

export const chatter = {
  staff(staff: Staff): Chatter {
    return { type: ParticipantType.Staff, id: staff.id, name: staff.name, staff }
  },
  member(member: Pick<Member, 'id' | 'name'>): Chatter {
    return { type: ParticipantType.Member, id: member.id, name: member.name }
  },
}
