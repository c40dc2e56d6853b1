import { Job } from '#jobs/job'
import { QueueName } from '#enums/queue'
import ImportWecomArchive from '#actions/wecom/import_archive'
import wecomConfig from '#config/wecom'

/** Every minute: WeCom chats from the session archive into conversations. */
export default class ImportWecomArchiveJob extends Job {
  static jobName = 'ImportWecomArchiveJob'
  static queue = QueueName.Wecom

  async handle() {
    if (!wecomConfig.corpId) return
    await new ImportWecomArchive().handle()
  }
}
