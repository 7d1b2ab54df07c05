/* checker widget: stub until implemented. */
