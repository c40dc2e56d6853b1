import { test } from '@japa/runner'
import { diff, maskValue } from '#services/audit'

test.group('Audit log masking', () => {
  test('personal data is masked, other values kept', ({ assert }) => {
    assert.equal(maskValue('phone', '13800000001'), '138****0001')
    assert.equal(maskValue('email', 'li.na@rapport.test'), 'l***@rapport.test')
    assert.equal(maskValue('name', '王静'), '王*')
    assert.equal(maskValue('password', 'Secret#1'), '***')
    assert.equal(maskValue('secret', 'rs_abc'), '***')
    assert.equal(maskValue('role', 'guide'), 'guide')
    assert.isNull(maskValue('phone', null))
  })

  test('a diff lists only the fields that changed, masked', ({ assert }) => {
    const changes = diff(
      { name: '王静', role: 'guide', store_id: 1, email: 'a@x.cn' },
      { name: '王敏', role: 'guide', store_id: 2, email: 'a@x.cn' }
    )
    assert.deepEqual(changes, { name: { from: '王*', to: '王*' }, store_id: { from: 1, to: 2 } })
  })
})
