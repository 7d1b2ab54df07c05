/* checklist widget: stub until implemented. */
