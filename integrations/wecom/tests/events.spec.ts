import { test } from '@japa/runner'
import { buildCallbackXml, parseCallbackEvent, type WecomEvent } from '../src/events.js'

/** The callback plaintexts as WeCom's docs show them (客户联系 > 事件回调), line breaks and all. */
function contactXml(changeType: string, extra: string): string {
  return `<xml>
<ToUserName><![CDATA[ww1234567890]]></ToUserName>
<FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1403610513</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[change_external_contact]]></Event>
<ChangeType><![CDATA[${changeType}]]></ChangeType>
<UserID><![CDATA[zhangsan]]></UserID>
<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA]]></ExternalUserID>
${extra}</xml>`
}

function chatXml(changeType: string, extra: string): string {
  return `<xml>
<ToUserName><![CDATA[ww1234567890]]></ToUserName>
<FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1403610513</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[change_external_chat]]></Event>
<ChatId><![CDATA[wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA]]></ChatId>
<ChangeType><![CDATA[${changeType}]]></ChangeType>
${extra}</xml>`
}

function tagXml(changeType: string, extra: string): string {
  return `<xml>
<ToUserName><![CDATA[ww1234567890]]></ToUserName>
<FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1403610513</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[change_external_tag]]></Event>
${extra}<ChangeType><![CDATA[${changeType}]]></ChangeType>
</xml>`
}

const customer = { userId: 'zhangsan', externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA', createTime: 1403610513 }

test.group('WeCom callback events: customers (change_external_contact)', () => {
  test('add_external_contact carries the contact way state and the welcome code', ({ assert }) => {
    const xml = contactXml(
      'add_external_contact',
      '<State><![CDATA[store_0012]]></State>\n<WelcomeCode><![CDATA[CALLBACKCODE]]></WelcomeCode>\n'
    )
    assert.deepEqual(parseCallbackEvent(xml), {
      kind: 'contact',
      changeType: 'add_external_contact',
      ...customer,
      state: 'store_0012',
      welcomeCode: 'CALLBACKCODE',
    })
  })

  test('add_half_external_contact (the customer has not accepted yet) has a welcome code but no state', ({ assert }) => {
    const xml = contactXml('add_half_external_contact', '<WelcomeCode><![CDATA[HALFCODE]]></WelcomeCode>\n')
    assert.deepEqual(parseCallbackEvent(xml), {
      kind: 'contact',
      changeType: 'add_half_external_contact',
      ...customer,
      welcomeCode: 'HALFCODE',
    })
  })

  test('edit_external_contact and del_follow_user name only the staff member and the customer', ({ assert }) => {
    for (const changeType of ['edit_external_contact', 'del_follow_user'] as const) {
      assert.deepEqual(parseCallbackEvent(contactXml(changeType, '')), { kind: 'contact', changeType, ...customer })
    }
  })

  test('del_external_contact keeps its Source (deleted because of a transfer)', ({ assert }) => {
    const xml = contactXml('del_external_contact', '<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>\n')
    assert.deepEqual(parseCallbackEvent(xml), {
      kind: 'contact',
      changeType: 'del_external_contact',
      ...customer,
      source: 'DELETE_BY_TRANSFER',
    })
  })

  test('transfer_fail keeps the FailReason', ({ assert }) => {
    const xml = contactXml('transfer_fail', '<FailReason><![CDATA[customer_refused]]></FailReason>\n')
    assert.deepEqual(parseCallbackEvent(xml), {
      kind: 'contact',
      changeType: 'transfer_fail',
      ...customer,
      failReason: 'customer_refused',
    })
  })

  test('a contact event without its ExternalUserID is refused', ({ assert }) => {
    const xml = contactXml('add_external_contact', '').replace(/<ExternalUserID>.*<\/ExternalUserID>\n/, '')
    assert.throws(() => parseCallbackEvent(xml), /ExternalUserID/)
  })
})

test.group('WeCom callback events: customer groups (change_external_chat)', () => {
  const chatId = 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA'

  test('create and dismiss name the group and nothing else', ({ assert }) => {
    for (const changeType of ['create', 'dismiss'] as const) {
      assert.deepEqual(parseCallbackEvent(chatXml(changeType, '')), {
        kind: 'chat',
        changeType,
        chatId,
        memChangeList: [],
        createTime: 1403610513,
      })
    }
  })

  test('add_member with several members lists them all, with the join scene and member versions', ({ assert }) => {
    const xml = chatXml(
      'update',
      `<UpdateDetail><![CDATA[add_member]]></UpdateDetail>
<JoinScene>1</JoinScene>
<QuitScene>0</QuitScene>
<MemChangeCnt>2</MemChangeCnt>
<MemChangeList><Item>Jack</Item><Item>wmAJ2GCAAAzCkOQBBkHqkGw0cQ2q3Ekg</Item></MemChangeList>
<LastMemVer>9c3f97c2ada667dfb5f6d03308d963e1</LastMemVer>
<CurMemVer>71217227bbd112ecfe3a49c482195cb4</CurMemVer>
`
    )
    assert.deepEqual(parseCallbackEvent(xml), {
      kind: 'chat',
      changeType: 'update',
      chatId,
      updateDetail: 'add_member',
      joinScene: 1,
      quitScene: 0,
      memChangeCnt: 2,
      memChangeList: ['Jack', 'wmAJ2GCAAAzCkOQBBkHqkGw0cQ2q3Ekg'],
      lastMemVer: '9c3f97c2ada667dfb5f6d03308d963e1',
      curMemVer: '71217227bbd112ecfe3a49c482195cb4',
      createTime: 1403610513,
    })
  })

  test('del_member with a single Item is still a list, with the quit scene', ({ assert }) => {
    const xml = chatXml(
      'update',
      `<UpdateDetail><![CDATA[del_member]]></UpdateDetail>
<QuitScene>1</QuitScene>
<MemChangeCnt>1</MemChangeCnt>
<MemChangeList><Item><![CDATA[wmAJ2GCAAAzCkOQBBkHqkGw0cQ2q3Ekg]]></Item></MemChangeList>
<LastMemVer>71217227bbd112ecfe3a49c482195cb4</LastMemVer>
<CurMemVer>0d8a1d0b8b2ab6ce43dbc02e1e2b5c8f</CurMemVer>
`
    )
    const event = parseCallbackEvent(xml)
    assert.equal(event.kind, 'chat')
    if (event.kind !== 'chat') return
    assert.equal(event.updateDetail, 'del_member')
    assert.equal(event.quitScene, 1)
    assert.isUndefined(event.joinScene)
    assert.equal(event.memChangeCnt, 1)
    assert.deepEqual(event.memChangeList, ['wmAJ2GCAAAzCkOQBBkHqkGw0cQ2q3Ekg'])
  })

  test('change_owner, change_name and change_notice are updates without member lists', ({ assert }) => {
    for (const updateDetail of ['change_owner', 'change_name', 'change_notice'] as const) {
      const xml = chatXml('update', `<UpdateDetail><![CDATA[${updateDetail}]]></UpdateDetail>\n`)
      assert.deepEqual(parseCallbackEvent(xml), {
        kind: 'chat',
        changeType: 'update',
        chatId,
        updateDetail,
        memChangeList: [],
        createTime: 1403610513,
      })
    }
  })
})

test.group('WeCom callback events: corp tags (change_external_tag)', () => {
  test('create, update and delete of a tag and of a tag group', ({ assert }) => {
    for (const changeType of ['create', 'update', 'delete'] as const) {
      for (const tagType of ['tag', 'tag_group'] as const) {
        const xml = tagXml(changeType, `<Id><![CDATA[etXXXXXXXXXX]]></Id>\n<TagType><![CDATA[${tagType}]]></TagType>\n`)
        assert.deepEqual(parseCallbackEvent(xml), {
          kind: 'tag',
          changeType,
          id: 'etXXXXXXXXXX',
          tagType,
          createTime: 1403610513,
        })
      }
    }
  })

  test('a rule-group tag carries its StrategyId', ({ assert }) => {
    const xml = tagXml(
      'create',
      '<Id><![CDATA[etSTRATEGY]]></Id>\n<TagType><![CDATA[tag]]></TagType>\n<StrategyId>1</StrategyId>\n'
    )
    const event = parseCallbackEvent(xml)
    assert.equal(event.kind === 'tag' && event.strategyId, '1')
  })

  test('shuffle has no TagType: it names a tag group, or every group when the Id is empty', ({ assert }) => {
    const one = parseCallbackEvent(tagXml('shuffle', '<Id><![CDATA[etGROUP]]></Id>\n<StrategyId>1</StrategyId>\n'))
    assert.deepEqual(one, {
      kind: 'tag',
      changeType: 'shuffle',
      id: 'etGROUP',
      tagType: 'tag_group',
      strategyId: '1',
      createTime: 1403610513,
    })
    const all = parseCallbackEvent(tagXml('shuffle', '<Id><![CDATA[]]></Id>\n'))
    assert.equal(all.kind === 'tag' && all.id, '')
  })
})

test.group('WeCom callback events: everything else', () => {
  test('a plain text message (the official crypto example) is kind other, kept with its MsgType', ({ assert }) => {
    const xml =
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n<FromUserName><![CDATA[mycreate]]></FromUserName>\n<CreateTime>1409659813</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[hello]]></Content>\n<MsgId>4561255354251345929</MsgId>\n<AgentID>218</AgentID>\n</xml>'
    assert.deepEqual(parseCallbackEvent(xml), { kind: 'other', msgType: 'text', createTime: 1409659813 })
  })

  test('an event we do not handle, or a known event with an unknown ChangeType, is kind other', ({ assert }) => {
    const subscribe = parseCallbackEvent(
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>'
    )
    assert.deepEqual(subscribe, { kind: 'other', msgType: 'event', event: 'subscribe', createTime: 1700000000 })
    const unknown = parseCallbackEvent(contactXml('add_something_new', ''))
    assert.deepEqual(unknown, {
      kind: 'other',
      msgType: 'event',
      event: 'change_external_contact',
      createTime: 1403610513,
    })
  })

  test('anything that is not a WeCom XML document is refused', ({ assert }) => {
    assert.throws(() => parseCallbackEvent('{"Event":"change_external_contact"}'))
    assert.throws(() => parseCallbackEvent('not xml at all'))
    assert.throws(() => parseCallbackEvent('<foo><CreateTime>1</CreateTime></foo>'))
    assert.throws(() => parseCallbackEvent(''))
  })

  test('a message without a numeric CreateTime is refused', ({ assert }) => {
    assert.throws(() => parseCallbackEvent('<xml><MsgType><![CDATA[event]]></MsgType></xml>'), /CreateTime/)
    assert.throws(
      () => parseCallbackEvent('<xml><CreateTime>yesterday</CreateTime><MsgType>event</MsgType></xml>'),
      /CreateTime/
    )
  })
})

test.group('WeCom callback events: buildCallbackXml', () => {
  const staff = { userId: 'guide02' }
  const events: WecomEvent[] = [
    {
      kind: 'contact',
      changeType: 'add_external_contact',
      userId: 'guide01',
      externalUserId: 'wmSIM0001',
      state: 'cc_42',
      welcomeCode: 'WC-1',
      createTime: 1700000000,
    },
    { kind: 'contact', changeType: 'add_half_external_contact', ...staff, externalUserId: 'wm2', welcomeCode: 'W2', createTime: 1 },
    { kind: 'contact', changeType: 'edit_external_contact', ...staff, externalUserId: 'wm3', createTime: 2 },
    { kind: 'contact', changeType: 'del_external_contact', ...staff, externalUserId: 'wm4', source: 'DELETE_BY_TRANSFER', createTime: 3 },
    { kind: 'contact', changeType: 'del_follow_user', ...staff, externalUserId: 'wm5', createTime: 4 },
    { kind: 'contact', changeType: 'transfer_fail', ...staff, externalUserId: 'wm6', failReason: 'customer_refused', createTime: 5 },
    { kind: 'chat', changeType: 'create', chatId: 'wrC1', memChangeList: [], createTime: 6 },
    {
      kind: 'chat',
      changeType: 'update',
      chatId: 'wrC1',
      updateDetail: 'add_member',
      joinScene: 3,
      memChangeCnt: 1,
      memChangeList: ['wm7'],
      lastMemVer: 'a',
      curMemVer: 'b',
      createTime: 7,
    },
    {
      kind: 'chat',
      changeType: 'update',
      chatId: 'wrC1',
      updateDetail: 'del_member',
      quitScene: 0,
      memChangeCnt: 3,
      memChangeList: ['wm7', 'guide01', 'wm8'],
      createTime: 8,
    },
    { kind: 'chat', changeType: 'update', chatId: 'wrC1', updateDetail: 'change_name', memChangeList: [], createTime: 9 },
    { kind: 'chat', changeType: 'dismiss', chatId: 'wrC1', memChangeList: [], createTime: 10 },
    { kind: 'tag', changeType: 'create', id: 'et1', tagType: 'tag', createTime: 11 },
    { kind: 'tag', changeType: 'delete', id: 'etg1', tagType: 'tag_group', strategyId: '7', createTime: 12 },
    { kind: 'tag', changeType: 'shuffle', id: '', tagType: 'tag_group', createTime: 13 },
    { kind: 'other', msgType: 'event', event: 'subscribe', createTime: 14 },
  ]

  test('every event parses back to itself', ({ assert }) => {
    for (const event of events) {
      assert.deepEqual(parseCallbackEvent(buildCallbackXml('wwcorp', event)), event)
    }
  })

  test('the plaintext is addressed to the corp from sys, with WeCom field names', ({ assert }) => {
    const xml = buildCallbackXml('wwcorp', events[0]!)
    assert.include(xml, '<ToUserName><![CDATA[wwcorp]]></ToUserName>')
    assert.include(xml, '<FromUserName><![CDATA[sys]]></FromUserName>')
    assert.include(xml, '<CreateTime>1700000000</CreateTime>')
    assert.include(xml, '<Event><![CDATA[change_external_contact]]></Event>')
    assert.include(xml, '<ExternalUserID><![CDATA[wmSIM0001]]></ExternalUserID>')
    assert.include(xml, '<WelcomeCode><![CDATA[WC-1]]></WelcomeCode>')
    assert.notInclude(xml, 'Source')

    const chat = buildCallbackXml('wwcorp', events[8]!)
    assert.include(
      chat,
      '<MemChangeList><Item><![CDATA[wm7]]></Item><Item><![CDATA[guide01]]></Item><Item><![CDATA[wm8]]></Item></MemChangeList>'
    )
    assert.include(chat, '<QuitScene>0</QuitScene>')
  })
})
