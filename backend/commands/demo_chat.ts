import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import Member from '#models/member'
import Message from '#models/message'
import Staff from '#models/staff'
import CreateChatLink from '#actions/conversations/create_chat_link'
import SendMessage from '#actions/conversations/send_message'
import { MessageType } from '#enums/conversation'
import { actor } from '#services/audit'
import { chatter } from '#services/chatter'

const GUIDE = 'guide.sh001.1@rapport.demo'
const SCRIPT: [who: 'member' | 'guide', text: string][] = [
  ['member', '你好，上次试的那件羊绒大衣还有M码吗？'],
  ['guide', '您好！M码今天刚到货，给您留一件？'],
  ['member', '好的，周六下午过去试'],
]

/**
 * `node ace demo:chat`: a few web conversations in the demo guide's inbox (once), and a fresh
 * chat link for one of their members, printed last, to open the member's chat page.
 */
export default class DemoChat extends BaseCommand {
  static commandName = 'demo:chat'
  static description = 'Demo conversations for guide.sh001.1 and a member chat link'
  static options: CommandOptions = { startApp: true }

  async run() {
    const guide = await Staff.findByOrFail('email', GUIDE)
    const members = await Member.query().where('ownerStaffId', guide.id).whereNotNull('name').orderBy('id').limit(4)
    if (members.length === 0) return
    let link = null
    for (const [index, member] of members.entries()) {
      link = await new CreateChatLink().handle(member.id, guide, actor.system('demo'))
      if (await Message.query().where('conversationId', link.conversation_id).first()) continue
      for (const [turn, [who, text]] of SCRIPT.slice(0, index === 0 ? SCRIPT.length : 1 + (index % 2)).entries()) {
        const sender = who === 'guide' ? chatter.staff(guide) : chatter.member(member)
        await new SendMessage().handle(sender, {
          conversation_id: link.conversation_id,
          client_msg_id: `demo-${member.id}-${turn}`,
          type: MessageType.Text,
          body: { text },
        })
      }
    }
    console.log(link!.url)
  }
}
