// A bad neighbour that runs before crumbs: it freezes the prototypes crumbs hooks.
Object.freeze(HTMLScriptElement.prototype);
Object.freeze(Element.prototype);
