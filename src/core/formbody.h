#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Hookscope
{

// One name=value pair of an application/x-www-form-urlencoded body, percent-decoded. Bytes, not text: the form's
// charset is the sender's business and the inspector decides how to show them.
struct FormField {
    QByteArray name;
    QByteArray value;

    friend bool operator==(const FormField &, const FormField &) = default;
};

using FormFieldList = QList<FormField>;

// Splits a form body on '&' in order, keeping duplicates; a pair without '=' has an empty value and empty pairs
// ("a=1&&b=2") are skipped. '+' means space, %XX is decoded, and a '%' not followed by two hex digits stays as is.
FormFieldList parseFormUrlEncoded(QByteArrayView body);

// Decodes one name or value of a form body ('+' is a space, %XX a byte, bad escapes literal).
QByteArray decodeFormComponent(QByteArrayView component);

// A node of the nested view of a form, as PHP, Rails and the webhooks built on them (ActiveCampaign, Mailchimp)
// read bracketed names: contact[fields][1]=x gives contact -> fields -> 1 = x.
struct FormNode {
    QByteArray key;           // empty for the root
    QByteArray value;         // a leaf's value; empty for a branch
    QList<FormNode> children; // a branch's children in first-appearance order; a branch always has at least one

    bool isLeaf() const { return children.isEmpty(); }
    // The first child branch or leaf with this key, or nullptr.
    const FormNode *child(QByteArrayView childKey) const;
};

// Builds the nested view of a form, which always gives a root node with an empty key:
// - "a[b][c]=x" nests under existing branches of the same key; "a[]" appends with the next integer key, one above
//   the largest integer key seen under that branch, as PHP does ("tags[]=a&tags[]=b" gives tags -> 0, 1);
// - repeated leaves are all kept, as siblings with the same key (the inspector shows what was sent; PHP would keep
//   only the last); a leaf and a branch with the same key ("a=1&a[b]=2") are also siblings;
// - a name that is not base[seg][seg]... (no base, unbalanced or nested brackets, text after the last ']') or nests
//   deeper than maxFormDepth stays a flat leaf with the whole name as key.
inline constexpr int maxFormDepth = 64; // PHP's max_input_nesting_level; also bounds recursion over the tree
FormNode buildFormTree(const FormFieldList &fields);

} // namespace Hookscope
