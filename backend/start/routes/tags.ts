/*
 * Tags, auto-tag rules and saved segments.
 */
import { staffRoutes } from '#start/routes/groups'

staffRoutes(() => {})
