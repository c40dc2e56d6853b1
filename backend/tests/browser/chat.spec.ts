import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import env from '#start/env'
import { resetState } from '#tests/helpers/database'
import { launchChromium } from '#tests/helpers/browser'
import { staffWithToken } from '#tests/helpers/auth'
import { guideWithMember, memberSession } from '#tests/helpers/chat'

const baseUrl = `http://${env.get('HOST')}:${env.get('PORT')}`

/** Logs a staff member in through the console's login page. */
async function logIn(page: Page, email: string, password = 'Password#1') {
  await page.goto(`${baseUrl}/login`)
  await page.locator('[data-testid="login-email"] input, input[data-testid="login-email"]').first().fill(email)
  await page.locator('[data-testid="login-password"] input, input[data-testid="login-password"]').first().fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home').waitFor()
}

test.group('Conversations in a browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchChromium()
    return () => browser.close()
  })
  group.each.setup(() => resetState())

  test('script and onerror payloads from a member show as text in the inbox and never run', async ({ client, assert }) => {
    const { guide, member } = await guideWithMember()
    const session = await memberSession(client, guide.token, member.id)
    const payloads = ['<script>window.__pwned = 1</script>', '<img src=x onerror="window.__pwned = 2">']
    for (const [index, text] of payloads.entries()) {
      const sent = await client
        .post(`/api/v1/conversations/${session.conversationId}/messages`)
        .bearerToken(session.token)
        .json({ client_msg_id: `xss-${index}`, type: 'text', body: { text } })
      assert.oneOf(sent.status(), [200, 201])
    }

    const page = await browser.newPage()
    await logIn(page, guide.staff.email)
    await page.goto(`${baseUrl}/inbox/${session.conversationId}`)
    await page.getByTestId('message-text').nth(1).waitFor()
    const shown = await page.getByTestId('message-text').allInnerTexts()
    assert.deepEqual(shown.map((text) => text.trim()), payloads)
    assert.equal(await page.locator('[data-testid="message-list"] img[src="x"], [data-testid="message-list"] script').count(), 0)
    assert.isUndefined(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned))
    await page.close()
  })

  test('a member writes from the chat page, the guide sees it live and answers with a coupon card the member sees', async ({ client, assert }) => {
    const { guide, member } = await guideWithMember({ memberName: '王静' })
    const hq = await staffWithToken('hq')
    const template = await client
      .post('/api/v1/coupon-templates')
      .bearerToken(hq.token)
      .json({ name: '到店礼 10 元', kind: 'amount_off', value: '10.00', valid_days: 30 })
    template.assertStatus(201)
    const link = await client.post(`/api/v1/members/${member.id}/chat-link`).bearerToken(guide.token)
    link.assertStatus(201)

    const guidePage = await browser.newPage()
    await logIn(guidePage, guide.staff.email)
    await guidePage.goto(`${baseUrl}/inbox/${link.body().conversation_id}`)
    await guidePage.getByTestId('conversation-pane').waitFor()

    const memberContext = await browser.newContext({ viewport: { width: 390, height: 800 } })
    const memberPage = await memberContext.newPage()
    await memberPage.goto(`${baseUrl}/m/chat?ticket=${encodeURIComponent(link.body().ticket)}`)
    await memberPage.getByTestId('member-chat').waitFor()
    await memberPage.locator('[data-testid="chat-input"] textarea, textarea[data-testid="chat-input"]').first().fill('周六有空，想试那件大衣')
    await memberPage.getByTestId('chat-send').click()

    // Live: no reload on the guide's side.
    await guidePage.getByTestId('message-text').filter({ hasText: '周六有空，想试那件大衣' }).waitFor({ timeout: 10_000 })

    await guidePage.getByTestId('open-coupons').click()
    await guidePage.getByTestId(`coupon-template-${template.body().id}`).getByRole('button').click()
    await guidePage.getByTestId('coupon-card').waitFor({ timeout: 10_000 })

    const card = memberPage.getByTestId('coupon-card')
    await card.waitFor({ timeout: 10_000 })
    assert.include(await card.innerText(), '到店礼 10 元')
    await memberContext.close()
    await guidePage.close()
  })
})
