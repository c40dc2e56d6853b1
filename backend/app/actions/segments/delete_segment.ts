import Segment from '#models/segment'
import { audit, type Actor } from '#services/audit'
import { transaction } from '#services/transactions'

/** Deletes a saved segment; its snapshot and count history go with it (foreign key cascade). */
export default class DeleteSegment {
  async handle(segmentId: number, by: Actor) {
    await transaction(async (trx) => {
      const segment = await Segment.query({ client: trx }).where('id', segmentId).forUpdate().firstOrFail()
      await segment.useTransaction(trx).delete()
      await audit(by, 'segment.delete', { type: 'segment', id: segment.id }, { name: { from: segment.name } }, trx)
    })
  }
}
