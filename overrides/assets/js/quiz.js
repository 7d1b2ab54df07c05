/* quiz widget: stub until implemented. */
