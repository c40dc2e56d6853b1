/*
 * Behaviour events, RFM and the member portrait.
 */
import { staffRoutes } from '#start/routes/groups'

staffRoutes(() => {})
