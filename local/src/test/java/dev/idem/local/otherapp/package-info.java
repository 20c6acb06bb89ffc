/**
 * Another team's small app, not Idem's: the handlers of {@code templates/other/template.yaml},
 * packed into their own jar by the test that runs that template.
 */
package dev.idem.local.otherapp;
