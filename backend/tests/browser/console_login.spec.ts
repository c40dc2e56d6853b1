import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { DEMO_PASSWORD } from '#database/demo/brand'
import { StaffFactory } from '#database/factories/organisation'
import { resetState } from '#tests/helpers/database'
import { launchChromium } from '#tests/helpers/browser'

const baseUrl = `http://${env.get('HOST')}:${env.get('PORT')}`

test.group('Console in a browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    browser = await launchChromium()
    return () => browser.close()
  })
  group.each.setup(() => resetState())

  test('an admin logs in through the console, sees the home page and a live connection', async ({ assert }) => {
    await StaffFactory.merge({ name: 'Ada Admin', email: 'ada@rapport.test', password: 'Admin#2026' }).create()
    const page = await browser.newPage()

    await page.goto(`${baseUrl}/`)
    await page.waitForURL(/\/login/)
    await page.getByTestId('login-email').locator('input').or(page.locator('input[data-testid="login-email"]')).first().fill('ada@rapport.test')
    await page.getByTestId('login-password').locator('input').or(page.locator('input[data-testid="login-password"]')).first().fill('Admin#2026')
    await page.getByTestId('login-submit').click()

    await page.getByTestId('home').waitFor()
    assert.include(await page.getByTestId('current-staff').innerText(), 'Ada Admin')
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor()

    // The admin's navigation offers the admin pages; a reload keeps the session.
    await page.reload()
    await page.getByTestId('home').waitFor()
    await page.close()
  })

  test('a wrong password keeps the person on the login page with a message', async ({ assert }) => {
    await StaffFactory.merge({ email: 'ada@rapport.test' }).create()
    const page = await browser.newPage()
    await page.goto(`${baseUrl}/login`)
    await page.getByTestId('login-email').locator('input').or(page.locator('input[data-testid="login-email"]')).first().fill('ada@rapport.test')
    await page.getByTestId('login-password').locator('input').or(page.locator('input[data-testid="login-password"]')).first().fill('wrong-password')
    await page.getByTestId('login-submit').click()
    const message = await page.getByTestId('login-error').innerText()
    assert.match(message, /邮箱或密码错误|Wrong email or password/)
    assert.match(page.url(), /\/login/)
    await page.close()
  })
})

test.group('Demo brand in a browser', (group) => {
  group.each.setup(() => resetState())

  test('the admin login that `npm run demo` prints works in the console', async ({ assert }) => {
    const ace = await app.container.make('ace')
    const seed = await ace.exec('demo:seed', ['--members', '0'])
    assert.equal(seed.exitCode, 0)

    const browser = await launchChromium()
    const page = await browser.newPage()
    await page.goto(`${baseUrl}/login`)
    await page.getByTestId('login-email').locator('input').or(page.locator('input[data-testid="login-email"]')).first().fill('admin@rapport.demo')
    await page.getByTestId('login-password').locator('input').or(page.locator('input[data-testid="login-password"]')).first().fill(DEMO_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.getByTestId('home').waitFor()
    await browser.close()
  })
})
