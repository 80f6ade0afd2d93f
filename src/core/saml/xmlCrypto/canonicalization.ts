/* eslint-disable -- xml-crypto's code, verbatim: see below */
// @ts-nocheck -- xml-crypto's code as it ships (JavaScript), kept verbatim so canonicalisation stays exactly
// xml-crypto's; src/core/saml/c14n.ts types what it uses.
/*
 * Canonicalisation classes of xml-crypto 6.3.2 (lib/c14n-canonicalization.js, lib/exclusive-canonicalization.js and
 * the helpers they use from lib/utils.js), copied because xml-crypto's utils module imports Node's crypto at load
 * time, which keeps src/core from running in a browser web worker. MIT License, Copyright (c) Yaron Naveh
 * <yaronn01@gmail.com>; https://github.com/node-saml/xml-crypto.
 */
// @xmldom/is-dom-node's checks, as xml-crypto imports them.
function isNodeLike(value) {
  return (
    value &&
    typeof value === 'object' &&
    Number.isInteger(value.nodeType) &&
    value.nodeType >= 1 &&
    value.nodeType <= 11 &&
    typeof value.nodeName === 'string' &&
    typeof value.appendChild === 'function' &&
    typeof value.removeChild === 'function'
  );
}
const isDomNode = {
  isCommentNode: (value) => isNodeLike(value) && value.nodeType === 8,
  isElementNode: (value) => isNodeLike(value) && value.nodeType === 1,
};

function isArrayHasLength(array) {
  return Array.isArray(array) && array.length > 0;
}
function findChildren(node, localName, namespace) {
  const element = node.documentElement ?? node;
  const res = [];
  for (let i = 0; i < element.childNodes.length; i++) {
    const child = element.childNodes[i];
    if (
      isDomNode.isElementNode(child) &&
      child.localName === localName &&
      (child.namespaceURI === namespace || namespace == null)
    ) {
      res.push(child);
    }
  }
  return res;
}
const xml_special_to_encoded_attribute = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};
const xml_special_to_encoded_text = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#xD;',
};
function encodeSpecialCharactersInAttribute(attributeValue) {
  return attributeValue.replace(/([&<"\r\n\t])/g, function (str, item) {
    /** Special character normalization.
     * @see:
     * - https://www.w3.org/TR/xml-c14n#ProcessingModel (Attribute Nodes)
     * - https://www.w3.org/TR/xml-c14n#Example-Chars
     */
    return xml_special_to_encoded_attribute[item];
  });
}
function encodeSpecialCharactersInText(text) {
  return text.replace(/([&<>\r])/g, function (str, item) {
    /** Special character normalization.
     * @see:
     * - https://www.w3.org/TR/xml-c14n#ProcessingModel (Text Nodes)
     * - https://www.w3.org/TR/xml-c14n#Example-Chars
     */
    return xml_special_to_encoded_text[item];
  });
}
function isPrefixInScope(prefixesInScope, prefix, namespaceURI) {
  // Bindings are pushed outermost first, so the last one for a prefix shadows the rest.
  const binding = prefixesInScope.filter((ns) => ns.prefix === prefix).pop();
  return binding !== undefined && binding.namespaceURI === namespaceURI;
}
const utils = {
  isArrayHasLength,
  findChildren,
  encodeSpecialCharactersInAttribute,
  encodeSpecialCharactersInText,
  isPrefixInScope,
};

export class C14nCanonicalization {
  constructor() {
    this.includeComments = false;
    this.includeComments = false;
  }
  attrCompare(a, b) {
    if (!a.namespaceURI && b.namespaceURI) {
      return -1;
    }
    if (!b.namespaceURI && a.namespaceURI) {
      return 1;
    }
    const left = a.namespaceURI + a.localName;
    const right = b.namespaceURI + b.localName;
    if (left === right) {
      return 0;
    } else if (left < right) {
      return -1;
    } else {
      return 1;
    }
  }
  nsCompare(a, b) {
    const attr1 = a.prefix;
    const attr2 = b.prefix;
    if (attr1 === attr2) {
      return 0;
    }
    return attr1.localeCompare(attr2);
  }
  renderAttrs(node) {
    let i;
    let attr;
    const attrListToRender = [];
    if (isDomNode.isCommentNode(node)) {
      return this.renderComment(node);
    }
    if (node.attributes) {
      for (i = 0; i < node.attributes.length; ++i) {
        attr = node.attributes[i];
        //ignore namespace definition attributes
        if (attr.name.indexOf('xmlns') === 0) {
          continue;
        }
        attrListToRender.push(attr);
      }
    }
    attrListToRender.sort(this.attrCompare);
    const res = attrListToRender.map((attr) => {
      return ` ${attr.name}="${utils.encodeSpecialCharactersInAttribute(attr.value)}"`;
    });
    return res.join('');
  }
  /**
   * Create the string of all namespace declarations that should appear on this element
   *
   * @param node The node we now render
   * @param prefixesInScope The prefixes defined on this node parents which are a part of the output set
   * @param defaultNs The current default namespace
   * @param defaultNsForPrefix
   * @param ancestorNamespaces Import ancestor namespaces if it is specified
   * @param namespacesInScope The namespaces bound on this node's output ancestors, nearest last.
   *   Without it, a prefix in `prefixesInScope` counts as in scope whatever it is bound to.
   * @api private
   */
  renderNs(node, prefixesInScope, defaultNs, defaultNsForPrefix, ancestorNamespaces, namespacesInScope) {
    let i;
    let attr;
    const res = [];
    let newDefaultNs = defaultNs;
    const nsListToRender = [];
    const currNs = node.namespaceURI || '';
    const isInScope = (prefix, namespaceURI) =>
      namespacesInScope
        ? utils.isPrefixInScope(namespacesInScope, prefix, namespaceURI)
        : prefixesInScope.indexOf(prefix) !== -1;
    const renderDeclaration = (prefix, namespaceURI) => {
      nsListToRender.push({ prefix, namespaceURI });
      prefixesInScope.push(prefix);
      namespacesInScope?.push({ prefix, namespaceURI });
    };
    if (node.prefix) {
      const namespaceURI = node.namespaceURI || defaultNsForPrefix[node.prefix];
      if (!isInScope(node.prefix, namespaceURI)) {
        renderDeclaration(node.prefix, namespaceURI);
      }
    }
    // The default namespace is independent of a prefixed element's namespaceURI.
    // https://www.w3.org/TR/2001/REC-xml-c14n-20010315#ProcessingModel
    let localDefaultNs = null;
    if (node.attributes) {
      for (i = 0; i < node.attributes.length; ++i) {
        if (node.attributes[i].name === 'xmlns') {
          localDefaultNs = node.attributes[i].value;
        }
      }
    }
    let nodeDefaultNs;
    if (localDefaultNs !== null) {
      nodeDefaultNs = localDefaultNs;
    } else if (node.prefix) {
      nodeDefaultNs = defaultNs;
    } else {
      nodeDefaultNs = currNs;
    }
    if (nodeDefaultNs !== defaultNs) {
      newDefaultNs = nodeDefaultNs;
      res.push(' xmlns="', newDefaultNs, '"');
    }
    //handle the attributes namespace
    if (node.attributes) {
      for (i = 0; i < node.attributes.length; ++i) {
        attr = node.attributes[i];
        if (attr.prefix === 'xmlns' && !isInScope(attr.localName, attr.value)) {
          renderDeclaration(attr.localName, attr.value);
        }
        if (
          attr.prefix &&
          !isInScope(attr.prefix, attr.namespaceURI) &&
          attr.prefix !== 'xmlns' &&
          attr.prefix !== 'xml'
        ) {
          renderDeclaration(attr.prefix, attr.namespaceURI);
        }
      }
    }
    if (utils.isArrayHasLength(ancestorNamespaces)) {
      // The apex's own declaration shadows an ancestor's binding of the same prefix, default
      // included. https://www.w3.org/TR/REC-xml-names/#scoping
      for (const ancestorNamespace of ancestorNamespaces) {
        const isShadowed =
          nsListToRender.some((ns) => ns.prefix === ancestorNamespace.prefix) ||
          (!ancestorNamespace.prefix && localDefaultNs !== null);
        if (!isShadowed) {
          nsListToRender.push(ancestorNamespace);
          if (!ancestorNamespace.prefix) {
            newDefaultNs = ancestorNamespace.namespaceURI;
          }
        }
      }
    }
    nsListToRender.sort(this.nsCompare);
    //render namespaces
    res.push(
      ...nsListToRender.map((attr) => {
        if (attr.prefix) {
          return ` xmlns:${attr.prefix}="${attr.namespaceURI}"`;
        }
        return ` xmlns="${attr.namespaceURI}"`;
      }),
    );
    return { rendered: res.join(''), newDefaultNs };
  }
  /**
   * @param node Node
   */
  processInner(node, prefixesInScope, defaultNs, defaultNsForPrefix, ancestorNamespaces, namespacesInScope) {
    if (isDomNode.isCommentNode(node)) {
      return this.renderComment(node);
    }
    if (node.data) {
      return utils.encodeSpecialCharactersInText(node.data);
    }
    if (isDomNode.isElementNode(node)) {
      let i;
      let pfxCopy;
      const ns = this.renderNs(
        node,
        prefixesInScope,
        defaultNs,
        defaultNsForPrefix,
        ancestorNamespaces,
        namespacesInScope,
      );
      const res = ['<', node.tagName, ns.rendered, this.renderAttrs(node), '>'];
      for (i = 0; i < node.childNodes.length; ++i) {
        pfxCopy = prefixesInScope.slice(0);
        res.push(
          this.processInner(
            node.childNodes[i],
            pfxCopy,
            ns.newDefaultNs,
            defaultNsForPrefix,
            [],
            namespacesInScope?.slice(0),
          ),
        );
      }
      res.push('</', node.tagName, '>');
      return res.join('');
    }
    throw new Error(`Unable to canonicalize node type: ${node.nodeType}`);
  }
  // Thanks to deoxxa/xml-c14n for comment renderer
  renderComment(node) {
    if (!this.includeComments) {
      return '';
    }
    const isOutsideDocument = node.ownerDocument === node.parentNode;
    let isBeforeDocument = false;
    let isAfterDocument = false;
    if (isOutsideDocument) {
      let nextNode = node;
      let previousNode = node;
      while (nextNode !== null) {
        if (nextNode === node.ownerDocument.documentElement) {
          isBeforeDocument = true;
          break;
        }
        nextNode = nextNode.nextSibling;
      }
      while (previousNode !== null) {
        if (previousNode === node.ownerDocument.documentElement) {
          isAfterDocument = true;
          break;
        }
        previousNode = previousNode.previousSibling;
      }
    }
    const afterDocument = isAfterDocument ? '\n' : '';
    const beforeDocument = isBeforeDocument ? '\n' : '';
    const encodedText = utils.encodeSpecialCharactersInText(node.data);
    return `${afterDocument}<!--${encodedText}-->${beforeDocument}`;
  }
  /**
   * Perform canonicalization of the given node
   *
   * @param node
   * @api public
   */
  process(node, options) {
    options = options || {};
    const defaultNs = options.defaultNs || '';
    const defaultNsForPrefix = options.defaultNsForPrefix || {};
    const ancestorNamespaces = options.ancestorNamespaces || [];
    const prefixesInScope = [];
    for (let i = 0; i < ancestorNamespaces.length; i++) {
      prefixesInScope.push(ancestorNamespaces[i].prefix);
    }
    const res = this.processInner(
      node,
      prefixesInScope,
      defaultNs,
      defaultNsForPrefix,
      ancestorNamespaces,
      ancestorNamespaces.slice(),
    );
    return res;
  }
  getAlgorithmName() {
    return 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
  }
}
/**
 * Add c14n#WithComments here (very simple subclass)
 */
export class C14nCanonicalizationWithComments extends C14nCanonicalization {
  constructor() {
    super();
    this.includeComments = true;
  }
  getAlgorithmName() {
    return 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments';
  }
}

export class ExclusiveCanonicalization {
  constructor() {
    this.includeComments = false;
    this.includeComments = false;
  }
  attrCompare(a, b) {
    if (!a.namespaceURI && b.namespaceURI) {
      return -1;
    }
    if (!b.namespaceURI && a.namespaceURI) {
      return 1;
    }
    const left = a.namespaceURI + a.localName;
    const right = b.namespaceURI + b.localName;
    if (left === right) {
      return 0;
    } else if (left < right) {
      return -1;
    } else {
      return 1;
    }
  }
  nsCompare(a, b) {
    const attr1 = a.prefix;
    const attr2 = b.prefix;
    if (attr1 === attr2) {
      return 0;
    }
    return attr1.localeCompare(attr2);
  }
  renderAttrs(node) {
    let i;
    let attr;
    const res = [];
    const attrListToRender = [];
    if (isDomNode.isCommentNode(node)) {
      return this.renderComment(node);
    }
    if (node.attributes) {
      for (i = 0; i < node.attributes.length; ++i) {
        attr = node.attributes[i];
        //ignore namespace definition attributes
        if (attr.name.indexOf('xmlns') === 0) {
          continue;
        }
        attrListToRender.push(attr);
      }
    }
    attrListToRender.sort(this.attrCompare);
    for (attr of attrListToRender) {
      res.push(' ', attr.name, '="', utils.encodeSpecialCharactersInAttribute(attr.value), '"');
    }
    return res.join('');
  }
  /**
   * Create the string of all namespace declarations that should appear on this element
   *
   * @param {Node} node. The node we now render
   * @param {Array} prefixesInScope. The prefixes defined on this node
   *                parents which are a part of the output set
   * @param {String} defaultNs. The current default namespace
   * @return {String}
   * @api private
   */
  renderNs(node, prefixesInScope, defaultNs, defaultNsForPrefix, inclusiveNamespacesPrefixList) {
    let i;
    let attr;
    const res = [];
    let newDefaultNs = defaultNs;
    const nsListToRender = [];
    const currNs = node.namespaceURI || '';
    //handle the namespaceof the node itself
    if (node.prefix) {
      if (!utils.isPrefixInScope(prefixesInScope, node.prefix, node.namespaceURI || defaultNsForPrefix[node.prefix])) {
        nsListToRender.push({
          prefix: node.prefix,
          namespaceURI: node.namespaceURI || defaultNsForPrefix[node.prefix],
        });
        prefixesInScope.push({
          prefix: node.prefix,
          namespaceURI: node.namespaceURI || defaultNsForPrefix[node.prefix],
        });
      }
    } else if (defaultNs !== currNs) {
      //new default ns
      newDefaultNs = node.namespaceURI;
      res.push(' xmlns="', newDefaultNs, '"');
    }
    //handle the attributes namespace
    if (node.attributes) {
      for (i = 0; i < node.attributes.length; ++i) {
        attr = node.attributes[i];
        //handle all prefixed attributes that are included in the prefix list and where
        //the prefix is not defined already
        if (
          attr.prefix &&
          !utils.isPrefixInScope(prefixesInScope, attr.localName, attr.value) &&
          inclusiveNamespacesPrefixList.indexOf(attr.localName) >= 0
        ) {
          nsListToRender.push({ prefix: attr.localName, namespaceURI: attr.value });
          prefixesInScope.push({ prefix: attr.localName, namespaceURI: attr.value });
        }
        //handle all prefixed attributes that are not xmlns definitions and where
        //the prefix is not defined already
        if (
          attr.prefix &&
          !utils.isPrefixInScope(prefixesInScope, attr.prefix, attr.namespaceURI) &&
          attr.prefix !== 'xmlns' &&
          attr.prefix !== 'xml'
        ) {
          nsListToRender.push({ prefix: attr.prefix, namespaceURI: attr.namespaceURI });
          prefixesInScope.push({ prefix: attr.prefix, namespaceURI: attr.namespaceURI });
        }
      }
    }
    nsListToRender.sort(this.nsCompare);
    //render namespaces
    for (const p of nsListToRender) {
      res.push(' xmlns:', p.prefix, '="', p.namespaceURI, '"');
    }
    return { rendered: res.join(''), newDefaultNs: newDefaultNs };
  }
  /**
   * @param node Node
   */
  processInner(node, prefixesInScope, defaultNs, defaultNsForPrefix, inclusiveNamespacesPrefixList) {
    if (isDomNode.isCommentNode(node)) {
      return this.renderComment(node);
    }
    if (node.data) {
      return utils.encodeSpecialCharactersInText(node.data);
    }
    if (isDomNode.isElementNode(node)) {
      let i;
      let pfxCopy;
      const ns = this.renderNs(node, prefixesInScope, defaultNs, defaultNsForPrefix, inclusiveNamespacesPrefixList);
      const res = ['<', node.tagName, ns.rendered, this.renderAttrs(node), '>'];
      for (i = 0; i < node.childNodes.length; ++i) {
        pfxCopy = prefixesInScope.slice(0);
        res.push(
          this.processInner(
            node.childNodes[i],
            pfxCopy,
            ns.newDefaultNs,
            defaultNsForPrefix,
            inclusiveNamespacesPrefixList,
          ),
        );
      }
      res.push('</', node.tagName, '>');
      return res.join('');
    }
    throw new Error(`Unable to exclusive canonicalize node type: ${node.nodeType}`);
  }
  // Thanks to deoxxa/xml-c14n for comment renderer
  renderComment(node) {
    if (!this.includeComments) {
      return '';
    }
    const isOutsideDocument = node.ownerDocument === node.parentNode;
    let isBeforeDocument = false;
    let isAfterDocument = false;
    if (isOutsideDocument) {
      let nextNode = node;
      let previousNode = node;
      while (nextNode != null) {
        if (nextNode === node.ownerDocument.documentElement) {
          isBeforeDocument = true;
          break;
        }
        nextNode = nextNode.nextSibling;
      }
      while (previousNode != null) {
        if (previousNode === node.ownerDocument.documentElement) {
          isAfterDocument = true;
          break;
        }
        previousNode = previousNode.previousSibling;
      }
    }
    const afterDocument = isAfterDocument ? '\n' : '';
    const beforeDocument = isBeforeDocument ? '\n' : '';
    const encodedText = utils.encodeSpecialCharactersInText(node.data);
    return `${afterDocument}<!--${encodedText}-->${beforeDocument}`;
  }
  /**
   * Perform canonicalization of the given element node
   *
   * @api public
   */
  process(elem, options) {
    options = options || {};
    let inclusiveNamespacesPrefixList = options.inclusiveNamespacesPrefixList || [];
    const defaultNs = options.defaultNs || '';
    const defaultNsForPrefix = options.defaultNsForPrefix || {};
    const ancestorNamespaces = options.ancestorNamespaces || [];
    /**
     * If the inclusiveNamespacesPrefixList has not been explicitly provided then look it up in CanonicalizationMethod/InclusiveNamespaces
     */
    if (!utils.isArrayHasLength(inclusiveNamespacesPrefixList)) {
      const CanonicalizationMethod = utils.findChildren(elem, 'CanonicalizationMethod');
      if (CanonicalizationMethod.length !== 0) {
        const inclusiveNamespaces = utils.findChildren(CanonicalizationMethod[0], 'InclusiveNamespaces');
        if (inclusiveNamespaces.length !== 0) {
          inclusiveNamespacesPrefixList = (inclusiveNamespaces[0].getAttribute('PrefixList') || '').split(' ');
        }
      }
    }
    /**
     * If you have a PrefixList then use it and the ancestors to add the necessary namespaces
     */
    if (utils.isArrayHasLength(inclusiveNamespacesPrefixList)) {
      inclusiveNamespacesPrefixList.forEach(function (prefix) {
        if (ancestorNamespaces) {
          ancestorNamespaces.forEach(function (ancestorNamespace) {
            if (prefix === ancestorNamespace.prefix) {
              elem.setAttributeNS('http://www.w3.org/2000/xmlns/', `xmlns:${prefix}`, ancestorNamespace.namespaceURI);
            }
          });
        }
      });
    }
    const res = this.processInner(elem, [], defaultNs, defaultNsForPrefix, inclusiveNamespacesPrefixList);
    return res;
  }
  getAlgorithmName() {
    return 'http://www.w3.org/2001/10/xml-exc-c14n#';
  }
}
export class ExclusiveCanonicalizationWithComments extends ExclusiveCanonicalization {
  constructor() {
    super();
    this.includeComments = true;
  }
  getAlgorithmName() {
    return 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
  }
}
